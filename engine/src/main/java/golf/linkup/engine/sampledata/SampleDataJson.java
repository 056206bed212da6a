package golf.linkup.engine.sampledata;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JSON reading and writing shared by the sample data files. Output is UTF-8 with {@code \n} line
 * ends whatever the platform, so a generation is byte-identical everywhere.
 */
final class SampleDataJson {

    /** Duplicate keys are refused: in a hand-edited file they are always a mistake. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SampleDataJson() {
    }

    /** Parses a whole file; a missing file or a syntax error is a {@link SampleDataException} naming the file. */
    static JsonNode readTree(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new SampleDataException(file.getFileName().toString(), null, "missing: " + file.toAbsolutePath());
        }
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new SampleDataException(file.getFileName().toString(), null,
                    "not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** What a file's body writes, given a generator that pretty-prints in the sample data style. */
    @FunctionalInterface
    interface Body {
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /** Writes {@code file} (replacing it) in the sample data style, ending with a line feed. */
    static void write(Path file, Body body) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            generator.setPrettyPrinter(new CompactLeafPrinter());
            body.writeTo(generator);
            generator.flush();
            out.write('\n');
        }
    }

    /**
     * One record per line group: a top-level array puts each element on its own lines and objects
     * put one field per line, but an array nested anywhere else (a connection pair, a tee time's
     * players) stays on one line: {@code ["user-0001", "user-0002"]}.
     */
    static final class CompactLeafPrinter extends DefaultPrettyPrinter {

        CompactLeafPrinter() {
            super(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.NONE)
                    .withArrayEmptySeparator("")
                    .withObjectEmptySeparator(""));
            DefaultIndenter lines = new DefaultIndenter("  ", "\n");
            indentObjectsWith(lines);
            indentArraysWith(lines);
        }

        @Override
        public CompactLeafPrinter createInstance() {
            return new CompactLeafPrinter();
        }

        /** The generator's current context is the array being written when these are called. */
        private static boolean compact(JsonGenerator generator) {
            JsonStreamContext parent = generator.getOutputContext().getParent();
            return parent != null && !parent.inRoot();
        }

        @Override
        public void writeStartArray(JsonGenerator generator) throws IOException {
            if (compact(generator)) {
                generator.writeRaw('[');
            } else {
                super.writeStartArray(generator);
            }
        }

        @Override
        public void beforeArrayValues(JsonGenerator generator) throws IOException {
            if (!compact(generator)) {
                super.beforeArrayValues(generator);
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator generator) throws IOException {
            if (compact(generator)) {
                generator.writeRaw(", ");
            } else {
                super.writeArrayValueSeparator(generator);
            }
        }

        @Override
        public void writeEndArray(JsonGenerator generator, int valueCount) throws IOException {
            if (compact(generator)) {
                generator.writeRaw(']');
            } else {
                super.writeEndArray(generator, valueCount);
            }
        }
    }
}
