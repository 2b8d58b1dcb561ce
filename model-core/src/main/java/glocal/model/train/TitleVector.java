package glocal.model.train;

/** A title's exported vector from the title tower. */
public record TitleVector(String titleId, float[] vector) {}
