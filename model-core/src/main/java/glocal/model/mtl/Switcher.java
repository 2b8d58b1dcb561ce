package glocal.model.mtl;

import ai.djl.nn.AbstractBlock;

/**
 * The group-specific part of the user tower: maps the shared user representation {@code (N, H)} to
 * one vector per task {@code (N, tasks, D)}. Which task an example belongs to (its territory group,
 * or its territory and activity group) is decided by the model spec; the masked loss then lets only
 * that task's output receive gradient.
 */
public abstract class Switcher extends AbstractBlock {

    protected Switcher(byte version) {
        super(version);
    }

    /** Number of task outputs. */
    public abstract int tasks();
}
