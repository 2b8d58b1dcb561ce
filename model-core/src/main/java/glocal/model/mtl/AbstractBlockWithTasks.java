package glocal.model.mtl;

import ai.djl.nn.AbstractBlock;

/** A block inside a switcher that produces one output per task. */
abstract class AbstractBlockWithTasks extends AbstractBlock {

    AbstractBlockWithTasks(byte version) {
        super(version);
    }

    abstract int tasks();
}
