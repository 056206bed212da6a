package golf.linkup.engine.sampledata;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleDataGeneratorTest {

    @Test
    @DisplayName("Generating twice from the same courses gives byte-identical files")
    void generatorIsDeterministic(@TempDir Path first, @TempDir Path second) throws IOException {
        SampleDataGenerator.generate(SampleDataDirectories.withCommittedCourses(first));
        SampleDataGenerator.generate(SampleDataDirectories.withCommittedCourses(second));

        for (String file : SampleDataDirectories.GENERATED_FILES) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
                    file + " differs between two generations");
        }
    }

    @Test
    @DisplayName("The committed generated files equal a fresh generation, so nobody edits them by hand")
    void committedFilesEqualAFreshGeneration(@TempDir Path fresh) throws IOException {
        SampleDataGenerator.generate(SampleDataDirectories.withCommittedCourses(fresh));

        for (String file : SampleDataDirectories.GENERATED_FILES) {
            byte[] committed = Files.readAllBytes(SampleDataDirectories.committed().resolve(file));
            assertArrayEquals(Files.readAllBytes(fresh.resolve(file)), committed,
                    "sample-data/" + file + " is not what the generator writes: regenerate it as "
                            + "sample-data/README.md describes instead of editing it");
        }
    }

    @Test
    @DisplayName("The generator reads courses.json but never rewrites it")
    void generatorLeavesCoursesUntouched(@TempDir Path directory) throws IOException {
        byte[] before = Files.readAllBytes(SampleDataFiles.courses(SampleDataDirectories.withCommittedCourses(directory)));

        SampleDataGenerator.generate(directory);

        assertArrayEquals(before, Files.readAllBytes(SampleDataFiles.courses(directory)));
    }

    @Test
    @DisplayName("The generator refuses a course far from every metro area, naming the course")
    void generatorRefusesACourseFarFromEveryMetroArea(@TempDir Path directory) throws IOException {
        SampleDataDirectories.withCommittedCourses(directory);
        JsonMapper mapper = new JsonMapper();
        ArrayNode courses = (ArrayNode) mapper.readTree(SampleDataFiles.courses(directory).toFile());
        ObjectNode reykjavik = courses.addObject();
        reykjavik.put("id", "course-brautarholt").put("name", "Brautarholt Golf Course").put("city", "Reykjavik")
                .put("country", "Iceland").put("lat", 64.2300).put("lng", -21.8900)
                .put("timeZone", "Atlantic/Reykjavik");
        mapper.writeValue(SampleDataFiles.courses(directory).toFile(), courses);

        SampleDataException refused = assertThrows(SampleDataException.class,
                () -> SampleDataGenerator.generate(directory));

        assertEquals(SampleDataFiles.COURSES, refused.file());
        assertEquals("course-brautarholt", refused.recordId());
        assertTrue(refused.getMessage().contains("nearest metro area"), refused.getMessage());
    }

    @Test
    @DisplayName("main writes the three generated files into the directory it is given")
    void mainGeneratesIntoTheGivenDirectory(@TempDir Path directory) throws IOException {
        SampleDataGenerator.main(new String[]{SampleDataDirectories.withCommittedCourses(directory).toString()});

        for (String file : SampleDataDirectories.GENERATED_FILES) {
            assertTrue(Files.size(directory.resolve(file)) > 0, file + " was not written");
        }
    }
}
