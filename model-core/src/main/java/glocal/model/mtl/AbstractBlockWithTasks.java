package glocal.model.mtl;

import ai.djl.nn.AbstractBlock;

/**
 * A block inside a switcher that produces one output per task: an {@link ai.djl.nn.Block} whose
 * output {@code NDList} holds {@code tasks()} arrays {@code (N, D)} (after an optional shared one,
 * see {@link CgcLevel}).
 */
abstract class AbstractBlockWithTasks extends AbstractBlock {

    AbstractBlockWithTasks(byte version) {
        super(version);
    }

    abstract int tasks();
}
