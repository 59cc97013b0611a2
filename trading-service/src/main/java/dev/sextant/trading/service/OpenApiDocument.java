package dev.sextant.trading.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The OpenAPI 3 document served at {@code /openapi.json}, from the resource {@code openapi.json}, with the limits filled in. */
final class OpenApiDocument {
    private OpenApiDocument() {
    }

    static byte[] json(ServiceLimits limits) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the trading-service jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${maxBodyBytes}", Long.toString(limits.maxBodyBytes()))
                    .replace("${maxBars}", Integer.toString(limits.maxBars()));
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json from the trading-service jar", e);
        }
    }
}
