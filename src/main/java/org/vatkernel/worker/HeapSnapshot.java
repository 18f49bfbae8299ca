package org.vatkernel.worker;

import java.nio.file.Path;

/** A heap snapshot file written by a worker; the caller owns (and deletes) the file. */
public record HeapSnapshot(Path file, long size, String sha256) {
}
