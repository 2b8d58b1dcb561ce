package glocal.model.mtl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import glocal.model.tower.Tower;
import glocal.model.tower.TwoTower;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every block: save its parameters, load them into a freshly initialised twin, same outputs. */
class BlockSaveLoadTest {

    private static final int N = 5;
    private static final int H = 6;

    static Stream<Arguments> blocks() {
        return Stream.of(
                Arguments.of("tower", (Supplier<Block>) () -> new Tower(new int[] {8, 7}, 4)),
                Arguments.of("single-task", (Supplier<Block>) SingleTask::new),
                Arguments.of(
                        "group-heads", (Supplier<Block>) () -> new GroupHeads(3, new int[0], 4)),
                Arguments.of(
                        "shared-bottom heads",
                        (Supplier<Block>) () -> new GroupHeads(3, new int[] {5}, 4)),
                Arguments.of("mmoe", (Supplier<Block>) () -> new Mmoe(3, 4, new int[] {5}, 4)),
                Arguments.of("cgc", (Supplier<Block>) () -> new Cgc(3, 1, 2, 1, new int[0], 4)),
                Arguments.of(
                        "ple (2 levels)",
                        (Supplier<Block>) () -> new Cgc(3, 2, 2, 2, new int[] {5}, 4)),
                Arguments.of(
                        "mfh",
                        (Supplier<Block>)
                                () ->
                                        new Mfh(
                                                2,
                                                3,
                                                new Cgc(2, 1, 2, 1, new int[0], 4),
                                                new int[0],
                                                4)),
                Arguments.of("biasnet", (Supplier<Block>) () -> new BiasNet(new int[] {3})));
    }

    private static float[] forward(Block block, NDManager manager, NDArray input) {
        return block.forward(new ParameterStore(manager, false), new NDList(input), false)
                .singletonOrThrow()
                .toFloatArray();
    }

    private static byte[] save(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        block.saveParameters(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void savedParametersLoadIntoATwinWithIdenticalOutputs(String name, Supplier<Block> factory)
            throws IOException, MalformedModelException {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.randomUniform(-1f, 1f, new Shape(N, H));
            Block original = factory.get();
            original.initialize(manager, DataType.FLOAT32, new Shape(N, H));
            randomise(original, manager);
            float[] expected = forward(original, manager, input);
            byte[] saved = save(original);

            Block twin = factory.get();
            twin.initialize(manager, DataType.FLOAT32, new Shape(N, H));
            twin.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(saved)));

            assertThat(forward(twin, manager, input)).containsExactly(expected);
            assertThat(save(twin)).isEqualTo(saved);
        }
    }

    @org.junit.jupiter.api.Test
    void twoTowerRoundTrips() throws IOException, MalformedModelException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape[] shapes = {
                new Shape(4, H), new Shape(N), new Shape(3, H), new Shape(N), new Shape(N, 5)
            };
            NDList inputs =
                    new NDList(
                            manager.randomUniform(-1f, 1f, shapes[0]),
                            manager.create(new long[] {0, 5, 7, 11, 2}),
                            manager.randomUniform(-1f, 1f, shapes[2]),
                            manager.create(new long[] {0, 1, 2, 1, 0}),
                            manager.randomUniform(0f, 1f, shapes[4]));
            Supplier<TwoTower> factory =
                    () ->
                            new TwoTower(
                                    new Tower(new int[] {8}, 4),
                                    new Mmoe(3, 2, new int[0], 4),
                                    new Tower(new int[] {8}, 4),
                                    new BiasNet(new int[] {3}));
            TwoTower original = factory.get();
            original.initialize(manager, DataType.FLOAT32, shapes);
            randomise(original, manager);
            float[] expected =
                    original.forward(new ParameterStore(manager, false), inputs, false)
                            .singletonOrThrow()
                            .toFloatArray();
            TwoTower twin = factory.get();
            twin.initialize(manager, DataType.FLOAT32, shapes);
            twin.loadParameters(
                    manager, new DataInputStream(new ByteArrayInputStream(save(original))));
            assertThat(
                            twin.forward(new ParameterStore(manager, false), inputs, false)
                                    .singletonOrThrow()
                                    .toFloatArray())
                    .containsExactly(expected);
        }
    }

    @org.junit.jupiter.api.Test
    void behaviourHeadsRoundTrip() throws IOException, MalformedModelException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape vector = new Shape(N, 4);
            NDList inputs =
                    new NDList(
                            manager.randomUniform(-1f, 1f, vector),
                            manager.randomUniform(-1f, 1f, vector));
            BehaviourHeads original = new BehaviourHeads(new int[] {5});
            original.initialize(manager, DataType.FLOAT32, vector, vector);
            randomise(original, manager);
            float[] expected =
                    original.forward(new ParameterStore(manager, false), inputs, false)
                            .singletonOrThrow()
                            .toFloatArray();
            BehaviourHeads twin = new BehaviourHeads(new int[] {5});
            twin.initialize(manager, DataType.FLOAT32, vector, vector);
            twin.loadParameters(
                    manager, new DataInputStream(new ByteArrayInputStream(save(original))));
            assertThat(
                            twin.forward(new ParameterStore(manager, false), inputs, false)
                                    .singletonOrThrow()
                                    .toFloatArray())
                    .containsExactly(expected);
        }
    }

    /** Biases start at zero; give every parameter random values so a lost bias would show. */
    private static void randomise(Block block, NDManager manager) {
        for (var p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            array.set(manager.randomUniform(-1f, 1f, array.getShape()).toFloatArray());
        }
    }
}
