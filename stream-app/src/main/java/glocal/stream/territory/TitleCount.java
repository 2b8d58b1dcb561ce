package glocal.stream.territory;

/** A title and its play count. */
public record TitleCount(String titleId, long count) {}
