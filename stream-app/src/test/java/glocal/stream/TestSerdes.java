package glocal.stream;

import glocal.schemas.registry.MockSchemaRegistry;
import glocal.stream.serde.GlocalSerdes;

/** The application's serdes against a per-test-class in-process registry scope. */
public final class TestSerdes {

    private TestSerdes() {}

    public static GlocalSerdes create(String scope) {
        return GlocalSerdes.forUrl(MockSchemaRegistry.SCHEME + scope);
    }

    public static void dropScope(String scope) {
        MockSchemaRegistry.dropScope(scope);
    }
}
