package tokenstream.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataDirTest {

    @Test
    void freshDeletesTheDataFolderWithEverythingInIt(@TempDir Path repo) throws IOException {
        Path data = repo.resolve(".data");
        Files.createDirectories(data.resolve("kafka/logs"));
        Files.writeString(data.resolve("logs.txt"), "x");

        DataDir.wipe(data, repo);

        assertFalse(Files.exists(data));
        assertTrue(Files.exists(repo));
    }

    @Test
    void aDataFolderThatHoldsTheRepositoryIsNeverDeleted(@TempDir Path parent) throws IOException {
        Path repo = Files.createDirectories(parent.resolve("repo"));

        assertThrows(IllegalArgumentException.class, () -> DataDir.wipe(parent, repo));
        assertTrue(Files.exists(repo));
    }
}
