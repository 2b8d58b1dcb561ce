package glocal.schemas.registry;

import glocal.schemas.registry.server.EmbeddedRegistry;
import glocal.schemas.registry.server.RegistryServerConfig;

/**
 * The same client contract as against the documented-API fixture, now against Glocal's own server.
 */
class RestClientAgainstEmbeddedServerTest extends RegistryClientContractTest {
    private static final String SCOPE = RestClientAgainstEmbeddedServerTest.class.getSimpleName();
    private EmbeddedRegistry registry;

    @Override
    String startServer() {
        registry = EmbeddedRegistry.start(SCOPE, RegistryServerConfig.defaults());
        return registry.httpUrl();
    }

    @Override
    void stopServer() {
        registry.close();
    }
}
