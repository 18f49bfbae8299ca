package org.vatkernel.slog;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.validation.annotation.Validated;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kernel.slog}: the slog file (none: off), when to rotate it ({@code maxFileSize}; the
 * previous files are kept as {@code .1} … {@code .maxHistory}), and whether each
 * {@code crank-finish} carries the whole-DB state hash besides the activity hash it always
 * carries (an audit: it reads the whole kernel DB every crank, so it is off by default).
 */
@Validated
@ConfigurationProperties("kernel.slog")
public record SlogProperties(@Nullable Path file, @NotNull @DefaultValue("100MB") DataSize maxFileSize,
		@Min(0) @DefaultValue("5") int maxHistory, @DefaultValue("false") boolean stateHash) {

}
