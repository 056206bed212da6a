package golf.linkup.engine.sampledata;

/**
 * A sample data file that is unreadable or inconsistent. The message names the file and, when
 * the problem belongs to one record, that record's id (or its position when it has no id).
 */
public final class SampleDataException extends RuntimeException {

    private final String file;
    private final String recordId;

    SampleDataException(String file, String recordId, String problem) {
        super(describe(file, recordId, problem));
        this.file = file;
        this.recordId = recordId;
    }

    SampleDataException(String file, String recordId, String problem, Throwable cause) {
        super(describe(file, recordId, problem), cause);
        this.file = file;
        this.recordId = recordId;
    }

    /** The file name, e.g. {@code tee-times.json}. */
    public String file() {
        return file;
    }

    /** The offending record's id, or {@code null} when the problem concerns the whole file. */
    public String recordId() {
        return recordId;
    }

    private static String describe(String file, String recordId, String problem) {
        return recordId == null ? file + ": " + problem : file + ", record " + recordId + ": " + problem;
    }
}
