package org.gonghui.platform.input;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How every application of the suite (the gateway and the three services) reads JSON bodies, in one place:
 * <ul>
 * <li>a key given twice in one object is refused ({@code STRICT_DUPLICATE_DETECTION}): otherwise the last one
 * wins in Jackson but another parser (a proxy, a log pipeline) may take the first, a known smuggling trick;</li>
 * <li>every string value and object key passes {@link SafeText} (no NUL, controls or direction overrides), so the
 * 400 names the field instead of PostgreSQL answering 500 on a NUL.</li>
 * </ul>
 */
@Singleton
public class JsonInput implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(module());
    }

    public static SimpleModule module() {
        SimpleModule module = new SimpleModule("gonghui-safe-text");
        module.addDeserializer(String.class, new SafeStringDeserializer(false));
        module.addKeyDeserializer(String.class, new SafeKeyDeserializer());
        return module;
    }

    static final class SafeStringDeserializer extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final boolean singleLine;

        SafeStringDeserializer(boolean singleLine) {
            super(String.class);
            this.singleLine = singleLine;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            String problem = SafeText.problem(value, singleLine);
            if (problem != null) {
                throw new UnsafeTextException(p, problem);
            }
            return value;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            boolean single = property != null && SafeText.isSingleLine(property.getName());
            return single == singleLine ? this : new SafeStringDeserializer(single);
        }
    }

    static final class SafeKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String problem = SafeText.problem(key, true);
            if (problem != null) {
                throw new UnsafeTextException(ctxt.getParser(), "keys " + problem);
            }
            return key;
        }
    }
}
