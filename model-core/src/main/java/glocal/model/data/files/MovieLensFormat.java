package glocal.model.data.files;

import java.util.regex.Pattern;

/** The two MovieLens layouts Glocal reads. */
public enum MovieLensFormat {
    /**
     * MovieLens 100k: {@code u.data} (user TAB item TAB rating TAB timestamp) and {@code u.user}
     * (user|age|gender|occupation|zip).
     */
    ML_100K("u.data", "u.user", Pattern.compile("\t"), Pattern.compile("\\|"), 5),
    /**
     * MovieLens 1M: {@code ratings.dat} (UserID::MovieID::Rating::Timestamp) and {@code users.dat}
     * (UserID::Gender::Age::Occupation::Zip-code).
     */
    ML_1M("ratings.dat", "users.dat", Pattern.compile("::"), Pattern.compile("::"), 5);

    private final String ratingsFile;
    private final String usersFile;
    private final Pattern ratingSeparator;
    private final Pattern userSeparator;
    private final int userFields;

    MovieLensFormat(
            String ratingsFile,
            String usersFile,
            Pattern ratingSeparator,
            Pattern userSeparator,
            int userFields) {
        this.ratingsFile = ratingsFile;
        this.usersFile = usersFile;
        this.ratingSeparator = ratingSeparator;
        this.userSeparator = userSeparator;
        this.userFields = userFields;
    }

    /** Conventional name of the ratings file. */
    public String ratingsFile() {
        return ratingsFile;
    }

    /** Conventional name of the users file. */
    public String usersFile() {
        return usersFile;
    }

    Pattern ratingSeparator() {
        return ratingSeparator;
    }

    Pattern userSeparator() {
        return userSeparator;
    }

    int userFields() {
        return userFields;
    }

    /** The zip code is the last field of a users line in both layouts. */
    int zipField() {
        return userFields - 1;
    }
}
