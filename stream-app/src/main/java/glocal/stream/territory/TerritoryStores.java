package glocal.stream.territory;

import glocal.stream.state.WriteMostlyStores;
import java.util.List;

/** The write-mostly stores of the territory counts. */
public final class TerritoryStores implements WriteMostlyStores {

    @Override
    public List<String> storeNames() {
        return List.of(
                TerritoryCountProcessor.TERRITORY_TITLE_STORE, TerritoryCountProcessor.TITLE_STORE);
    }
}
