package glocal.stream.validate;

/** A failed check: the reason, the class of the error behind it and a message for people. */
public record Rejection(RejectReason reason, String errorClass, String message) {

    static Rejection of(RejectReason reason, String message) {
        return new Rejection(reason, ViewValidator.class.getName(), message);
    }
}
