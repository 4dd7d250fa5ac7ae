package io.pagable;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * Encodes one node of a value graph to bytes and back. The codec owns its Jackson configuration,
 * so an application's own Jackson settings never change stored bytes or keys.
 *
 * <h2>Node format, version 2</h2>
 * <pre>
 *   format version        1 byte: 2, or 1 when the payload holds no bare node reference (below), so
 *                         such a node has the same bytes, and key, as under version 1
 *   tag length            unsigned varint, 0 when the root class has no tag
 *   tag                   UTF-8
 *   eager bitmap          ceil(children / 8) bytes, bit i set when child i is a &#64;PagableNode
 *   payload               CBOR (RFC 8949), canonical: properties in a fixed order (creator
 *                         parameters such as a record's components first, in declaration order, the
 *                         others by name), map entries sorted by key, unordered sets of comparable
 *                         elements sorted; child references are
 *                         child indices; polymorphic positions are [tag, value] arrays; a
 *                         &#64;PagableNode child there is its bare index (a bare node reference: the
 *                         child's own header carries its tag)
 * </pre>
 * Version 1 wrote a &#64;PagableNode child at a polymorphic position as a [tag, index] array; this
 * release still reads it.
 *
 * Thread-safe.
 */
final class NodeCodec {

    /** Highest version of the node format this release writes and reads. */
    public static final int FORMAT_VERSION = 2;

    /** Version of a node with no bare node reference: its bytes are the same as under version 1. */
    private static final int FORMAT_VERSION_WITHOUT_BARE_REFERENCES = 1;

    static final int MAX_TAG_BYTES = 1024;

    /** Objects, arrays and maps nested within one node, on write and on read. */
    private static final int MAX_NESTING_DEPTH = 500;

    private static final byte[] EMPTY = new byte[0];

    private final TypeRegistry registry;

    private final int maxNodeBytes;

    private final ObjectMapper mapper;

    private final ObjectWriter writer;

    private final ObjectReader reader;

    /** Jackson's view of plain classes, the type of most arcs: resolved once per class, not per page-in. */
    private final ClassValue<JavaType> classTypes = new ClassValue<>() {
        @Override
        protected JavaType computeValue(Class<?> type) {
            return mapper.getTypeFactory().constructType(type);
        }
    };

    private final ClassValue<ObjectWriter> writers = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return writer.forType(type);
        }
    };

    /** Per class: its header after the version byte, the tag's length (a varint) and its UTF-8 bytes. */
    private final ClassValue<byte[]> tagPrefixes = new ClassValue<>() {
        @Override
        protected byte[] computeValue(Class<?> type) {
            String tag = registry.tagOf(type);
            byte[] tagBytes = (tag != null) ? tag.getBytes(StandardCharsets.UTF_8) : EMPTY;
            byte[] prefix = new byte[NodeHeader.varintLength(tagBytes.length) + tagBytes.length];
            int position = NodeHeader.writeVarint(prefix, 0, tagBytes.length);
            System.arraycopy(tagBytes, 0, prefix, position, tagBytes.length);
            return prefix;
        }
    };

    private static final ClassValue<Boolean> NODE_CLASSES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isAnnotationPresent(PagableNode.class);
        }
    };

    /** Whether a class is a {@link PagableNode}: the annotation looked up once per class, not per node. */
    static boolean isNodeClass(Class<?> type) {
        return NODE_CLASSES.get(type);
    }

    private final java.util.concurrent.ConcurrentHashMap<JavaType, ObjectReader> readers =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Creates a codec.
     *
     * @param registry the type tags to write and accept
     * @param maxNodeBytes the largest node accepted; bounds strings and documents in the decoder
     */
    public NodeCodec(TypeRegistry registry, int maxNodeBytes) {
        this.registry = registry;
        this.maxNodeBytes = maxNodeBytes;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxDocumentLength(maxNodeBytes)
                .maxStringLength(maxNodeBytes)
                .maxNameLength(64 * 1024)
                .maxNumberLength(1000)
                .build();
        CBORFactory factory = CBORFactory.builder()
                .streamReadConstraints(constraints)
                .streamWriteConstraints(StreamWriteConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .recyclerPool(tools.jackson.core.util.JsonRecyclerPools.threadLocalPool())
                .build();
        this.mapper = CBORMapper.builder(factory)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DateTimeFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE)
                .enable(DateTimeFeature.WRITE_DATES_WITH_ZONE_ID)
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .changeDefaultVisibility((checker) -> checker.withFieldVisibility(Visibility.ANY)
                        .withGetterVisibility(Visibility.NONE)
                        .withIsGetterVisibility(Visibility.NONE)
                        .withSetterVisibility(Visibility.NONE)
                        .withCreatorVisibility(Visibility.ANY))
                .setDefaultTyping(new TagTypeResolverBuilder(registry))
                .addModule(new PagableJacksonModule())
                .addHandler(new HostileInputGuard())
                .build();
        this.writer = mapper.writer();
        this.reader = mapper.reader();
    }

    /**
     * Returns the type tags this codec writes and accepts.
     *
     * @return the registry
     */
    public TypeRegistry registry() {
        return registry;
    }

    /**
     * Resolves a Java type (a class or a parameterized type) for decoding.
     *
     * @param type the type
     * @return Jackson's view of it
     */
    public JavaType javaType(Type type) {
        if (type instanceof JavaType javaType) {
            return javaType;
        }
        return (type instanceof Class<?> raw)
                ? classTypes.get(raw)
                : mapper.getTypeFactory().constructType(type);
    }

    /**
     * Tells whether values of a declared type carry a type tag (interfaces, abstract and non-final
     * classes of the application).
     *
     * @param type the declared type
     * @return whether it is polymorphic
     */
    public boolean isPolymorphic(Type type) {
        return TagTypeResolverBuilder.isPolymorphic(javaType(type));
    }

    /**
     * Encodes the node whose root is {@code value}; child references go to {@code sink}.
     *
     * @param value the node's root value
     * @param sink numbers the children met
     * @return the node's bytes
     * @throws PagableException (e.g. {@link io.pagable.UnregisteredTypeException}) if the value cannot be encoded,
     *     {@link io.pagable.CycleException} if its plain values refer back to themselves
     */
    public byte[] encode(Object value, ChildSink sink) {
        byte[] tagPrefix = tagPrefixes.get(value.getClass());
        if (value instanceof byte[] bytes && tagPrefix.length == 1) {
            return ByteStringPayload.encode(bytes, FORMAT_VERSION_WITHOUT_BARE_REFERENCES);
        }
        CodecSession session = CodecSession.forEncoding(value, sink);
        CodecSession previous = CodecSession.enter(session);
        PayloadBuffer payload = PayloadBuffer.acquire();
        try {
            writers.get(value.getClass()).writeValue(payload, value);
            int children = sink.count();
            int bitmapOffset = 1 + tagPrefix.length;
            int headerLength = bitmapOffset + (children + 7) / 8;
            byte[] data = new byte[headerLength + payload.size()];
            data[0] = (byte) (session.bareNodeReferences ? FORMAT_VERSION : FORMAT_VERSION_WITHOUT_BARE_REFERENCES);
            System.arraycopy(tagPrefix, 0, data, 1, tagPrefix.length);
            for (int i = 0; i < children; i++) {
                if (sink.isEager(i)) {
                    data[bitmapOffset + (i >>> 3)] |= (byte) (1 << (i & 7));
                }
            }
            System.arraycopy(payload.bytes(), 0, data, headerLength, payload.size());
            return data;
        } catch (JacksonException ex) {
            JacksonException tooDeep = DeepNesting.nestingLimit(ex);
            if (tooDeep != null) {
                throw DeepNesting.explain(value, tooDeep, MAX_NESTING_DEPTH);
            }
            throw unwrap(ex, null, "cannot encode a " + value.getClass().getName());
        } finally {
            payload.release();
            CodecSession.exit(previous);
        }
    }

    /**
     * Reads a node's header, checking its version and lengths.
     *
     * @param key the node's key, for error messages
     * @param data the node's bytes
     * @param childCount the number of child keys stored with the node
     * @return the header
     * @throws CorruptDataException if the header is malformed
     * @throws IncompatibleFormatException if the node was written by a newer format version
     */
    public NodeHeader readHeader(DataKey key, byte[] data, int childCount) {
        return NodeHeader.read(key, data, childCount);
    }

    /**
     * Resolves the type a node's root is decoded as: the registered class of its tag (which must fit
     * {@code expected}), or {@code expected} itself for an untagged node.
     *
     * @param key the node's key, for error messages
     * @param header the node's header
     * @param expected the type asked for
     * @return the concrete type to decode
     */
    public JavaType rootType(DataKey key, NodeHeader header, JavaType expected) {
        String tag = header.tag();
        if (tag == null) {
            Class<?> raw = expected.getRawClass();
            if (!expected.isContainerType()
                    && (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))
                    && raw != Object.class) {
                throw new CorruptDataException(
                        key,
                        "the node has no type tag but is read as " + raw.getName()
                                + ", which is abstract; read it as its concrete class");
            }
            return expected;
        }
        Class<?> type = registry.classFor(tag);
        if (type == null) {
            throw new UnknownTypeTagException(tag, key, registry.tags());
        }
        if (!expected.getRawClass().isAssignableFrom(type)) {
            throw new UnknownTypeTagException(tag, key, type, expected.getRawClass());
        }
        return (expected.getRawClass() == type)
                ? expected
                : mapper.getTypeFactory().constructSpecializedType(expected, type);
    }

    /**
     * Decodes a node's root value.
     *
     * @param key the node's key
     * @param data the node's bytes
     * @param header the node's header, from {@link #readHeader}
     * @param childCount the number of child keys stored with the node
     * @param type the concrete type, from {@link #rootType}
     * @param source resolves child references
     * @return the decoded value
     * @throws PagableException (usually {@link CorruptDataException}) if the bytes do not decode
     */
    public Object decode(
            DataKey key, byte[] data, NodeHeader header, int childCount, JavaType type, ChildSource source) {
        Class<?> raw = type.getRawClass();
        if (raw == byte[].class && data.length - header.payloadOffset() <= maxNodeBytes) {
            byte[] bytes = ByteStringPayload.decode(data, header.payloadOffset());
            if (bytes != null) {
                return bytes;
            }
        }
        CodecSession previous = CodecSession.enter(
                CodecSession.forDecoding(key, childCount, header.eagerChildren(), source, isNodeClass(raw)));
        try {
            ObjectReader typed = readers.get(type);
            if (typed == null) {
                typed = readers.computeIfAbsent(type, reader::forType);
            }
            Object value = typed.readValue(data, header.payloadOffset(), data.length - header.payloadOffset());
            if (value == null) {
                throw new CorruptDataException(key, "the payload is empty");
            }
            return value;
        } catch (JacksonException ex) {
            throw unwrap(ex, key, "cannot decode it as " + type.toCanonical());
        } catch (PagableException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            // stored bytes are untrusted: whatever the decoder or a constructor throws on them means the
            // node cannot be decoded, never that the caller should see a library-internal exception
            throw new CorruptDataException(key, "cannot decode it as " + type.toCanonical() + ": " + ex, ex);
        } catch (StackOverflowError ex) {
            throw new CorruptDataException(key, "the value nests too deeply to decode", ex);
        } finally {
            CodecSession.exit(previous);
        }
    }

    private static PagableException unwrap(JacksonException ex, @Nullable DataKey key, String what) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof PagableException pagable) {
                return pagable;
            }
        }
        if (key == null) {
            return new PagableException(what + ": " + ex.getOriginalMessage(), ex);
        }
        return new CorruptDataException(key, what + ": " + ex.getOriginalMessage(), ex);
    }
}
