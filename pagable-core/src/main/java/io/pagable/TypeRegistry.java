package io.pagable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The stable type tags of an application: which {@link PagableType} tag names which concrete class.
 * Tags, never class names, are written to stored data, and only tags registered here are resolved on
 * read. Immutable and thread-safe; build one with {@link #builder()}.
 */
public final class TypeRegistry {

    private static final TypeRegistry EMPTY = new TypeRegistry(Map.of());

    private final Map<String, Class<?>> classesByTag;

    private final Map<Class<?>, String> tagsByClass;

    private TypeRegistry(Map<String, Class<?>> classesByTag) {
        this.classesByTag = Collections.unmodifiableMap(new TreeMap<>(classesByTag));
        Map<Class<?>, String> byClass = new HashMap<>();
        classesByTag.forEach((tag, type) -> byClass.put(type, tag));
        this.tagsByClass = Map.copyOf(byClass);
    }

    /**
     * Returns a registry without tags.
     *
     * @return the empty registry
     */
    public static TypeRegistry empty() {
        return EMPTY;
    }

    /**
     * Returns a registry of the given tagged classes.
     *
     * @param classes classes annotated with {@link PagableType}
     * @return the registry
     * @throws TypeRegistrationException if a class is not tagged or two share a tag
     */
    public static TypeRegistry of(Class<?>... classes) {
        return builder().register(classes).build();
    }

    /**
     * Starts building a registry.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the tag of a class.
     *
     * @param type a class
     * @return its tag, or {@code null} when it is not registered
     */
    public @Nullable String tagOf(Class<?> type) {
        return tagsByClass.get(type);
    }

    /**
     * Returns the class registered for a tag.
     *
     * @param tag a tag
     * @return the class, or {@code null} when the tag is not registered
     */
    public @Nullable Class<?> classFor(String tag) {
        return classesByTag.get(tag);
    }

    /**
     * Returns the registered tags in sorted order.
     *
     * @return the tags
     */
    public Set<String> tags() {
        return classesByTag.keySet();
    }

    /**
     * Returns the registrations, tag to class, sorted by tag.
     *
     * @return an unmodifiable view
     */
    public Map<String, Class<?>> asMap() {
        return classesByTag;
    }

    @Override
    public String toString() {
        return "TypeRegistry" + classesByTag.keySet();
    }

    /** Collects tagged classes and builds an immutable {@link TypeRegistry}. */
    public static final class Builder {

        private final Map<String, Class<?>> classesByTag = new HashMap<>();

        private Builder() {}

        /**
         * Registers classes annotated with {@link PagableType}.
         *
         * @param classes concrete tagged classes
         * @return this builder
         * @throws TypeRegistrationException if a class is not tagged, not concrete, its tag is blank, or
         *     another class already has its tag
         */
        public Builder register(Class<?>... classes) {
            for (Class<?> type : classes) {
                Objects.requireNonNull(type, "classes must not contain null");
                PagableType annotation = type.getAnnotation(PagableType.class);
                if (annotation == null) {
                    throw new TypeRegistrationException(type.getName() + " cannot be registered: it has no "
                            + "@PagableType annotation. Add @PagableType(\"a.stable.name\") to it.");
                }
                register(annotation.value(), type);
            }
            return this;
        }

        /**
         * Registers a class under a tag given here instead of by annotation, e.g. for a class you cannot
         * annotate.
         *
         * @param tag the stable tag
         * @param type the concrete class
         * @return this builder
         * @throws TypeRegistrationException if the tag is blank, the class is abstract, or the tag is taken
         */
        public Builder register(String tag, Class<?> type) {
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(type, "type");
            if (tag.isBlank()) {
                throw new TypeRegistrationException(
                        "The @PagableType tag of " + type.getName() + " is blank; give it a stable, non-blank name.");
            }
            if (type.isInterface()
                    || Modifier.isAbstract(type.getModifiers())
                    || type.isPrimitive()
                    || type.isArray()) {
                throw new TypeRegistrationException("@PagableType(\"" + tag + "\") is on " + type.getName()
                        + ", which is not a concrete class; tag the concrete classes that implement it instead.");
            }
            Class<?> previous = classesByTag.putIfAbsent(tag, type);
            if (previous != null && previous != type) {
                throw new TypeRegistrationException("Type tag '" + tag + "' is used by both " + previous.getName()
                        + " and " + type.getName() + "; tags must be unique. Rename one of them (and migrate "
                        + "stored data if the old tag was already written).");
            }
            return this;
        }

        /**
         * Registers everything another registry holds.
         *
         * @param registry the registry to copy
         * @return this builder
         */
        public Builder registerAll(TypeRegistry registry) {
            registry.asMap().forEach(this::register);
            return this;
        }

        /**
         * Registers every {@link PagableType} class in these packages and their sub-packages, found on the
         * class path of the thread's context class loader.
         *
         * @param packageNames package names
         * @return this builder
         */
        public Builder scan(String... packageNames) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader == null) {
                loader = TypeRegistry.class.getClassLoader();
            }
            for (String packageName : packageNames) {
                for (String className : classNamesIn(loader, packageName)) {
                    Class<?> type = load(loader, className);
                    if (type != null && type.isAnnotationPresent(PagableType.class)) {
                        register(type);
                    }
                }
            }
            return this;
        }

        /**
         * Builds the registry.
         *
         * @return an immutable registry
         */
        public TypeRegistry build() {
            return classesByTag.isEmpty() ? EMPTY : new TypeRegistry(classesByTag);
        }

        private static @Nullable Class<?> load(ClassLoader loader, String className) {
            try {
                return Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError ex) {
                return null;
            }
        }

        private static List<String> classNamesIn(ClassLoader loader, String packageName) {
            String path = packageName.replace('.', '/');
            List<String> names = new ArrayList<>();
            try {
                Enumeration<URL> roots = loader.getResources(path);
                while (roots.hasMoreElements()) {
                    URL root = roots.nextElement();
                    if ("file".equals(root.getProtocol())) {
                        collectFromDirectory(Path.of(root.toURI()), packageName, names);
                    } else if ("jar".equals(root.getProtocol())) {
                        collectFromJar(root, path, names);
                    }
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot scan package " + packageName + " for @PagableType classes", ex);
            } catch (URISyntaxException ex) {
                throw new IllegalStateException("Cannot scan package " + packageName, ex);
            }
            return names;
        }

        private static void collectFromDirectory(Path directory, String packageName, List<String> names)
                throws IOException {
            try (Stream<Path> files = Files.walk(directory)) {
                files.filter((file) -> file.toString().endsWith(".class")).forEach((file) -> {
                    String relative = directory.relativize(file).toString();
                    String className = relative.substring(0, relative.length() - ".class".length())
                            .replace(file.getFileSystem().getSeparator(), ".");
                    names.add(packageName.isEmpty() ? className : packageName + "." + className);
                });
            }
        }

        private static void collectFromJar(URL root, String path, List<String> names) throws IOException {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(path + "/") && name.endsWith(".class")) {
                        names.add(name.substring(0, name.length() - ".class".length())
                                .replace('/', '.'));
                    }
                }
            }
        }
    }
}
