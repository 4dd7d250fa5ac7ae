package io.pagable.benchmarks;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORMapper;
import tools.jackson.dataformat.smile.SmileFactory;
import tools.jackson.dataformat.smile.SmileMapper;
import tools.jackson.dataformat.smile.SmileReadFeature;
import tools.jackson.dataformat.smile.SmileWriteFeature;

/**
 * The binary formats compared by {@link CodecBenchmark}, each configured deterministically the way
 * the engine's codec configures its mapper: properties sorted, map entries sorted by key, fields
 * of any visibility, no getters.
 */
public enum CodecFormat {

    /**
     * Smile as the engine writes it: no 4-byte header, shared property names checked (the
     * default), binary as 7-bit safe bytes (the default; costs 1/7 on payloads).
     */
    SMILE {
        @Override
        ObjectMapper mapper() {
            SmileFactory factory = SmileFactory.builder()
                    .disable(SmileWriteFeature.WRITE_HEADER)
                    .disable(SmileReadFeature.REQUIRE_HEADER)
                    .build();
            return canonical(SmileMapper.builder(factory)).build();
        }
    },

    /**
     * Smile with raw binary: {@code byte[]} written as is. Raw binary is only legal after a header
     * (which says that raw binary may follow), so this variant writes the 4-byte header.
     */
    SMILE_RAW_BINARY {
        @Override
        ObjectMapper mapper() {
            SmileFactory factory = SmileFactory.builder()
                    .enable(SmileWriteFeature.WRITE_HEADER)
                    .disable(SmileWriteFeature.ENCODE_BINARY_AS_7BIT)
                    .build();
            return canonical(SmileMapper.builder(factory)).build();
        }
    },

    /** CBOR with the defaults: minimal integers, raw byte strings, no string references. */
    CBOR {
        @Override
        ObjectMapper mapper() {
            return canonical(CBORMapper.builder(new CBORFactory())).build();
        }
    };

    /**
     * Builds a new mapper for this format.
     *
     * @return the mapper
     */
    abstract ObjectMapper mapper();

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B canonical(B builder) {
        return builder.enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .changeDefaultVisibility((checker) -> checker.withFieldVisibility(Visibility.ANY)
                        .withGetterVisibility(Visibility.NONE)
                        .withIsGetterVisibility(Visibility.NONE)
                        .withSetterVisibility(Visibility.NONE)
                        .withCreatorVisibility(Visibility.ANY));
    }
}
