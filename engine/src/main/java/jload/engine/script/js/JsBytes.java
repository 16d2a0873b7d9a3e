package jload.engine.script.js;

import org.graalvm.polyglot.Value;

/** Binary data from scripts: an ArrayBuffer, a typed array or an array of numbers. */
final class JsBytes {
    private JsBytes() {}

    static byte[] from(Value v) {
        if (v.hasBufferElements()) {
            byte[] out = new byte[(int) v.getBufferSize()];
            v.readBuffer(0, out, 0, out.length);
            return out;
        }
        if (v.hasArrayElements()) {
            byte[] out = new byte[(int) v.getArraySize()];
            for (int i = 0; i < out.length; i++) out[i] = (byte) v.getArrayElement(i).asInt();
            return out;
        }
        throw JsErrors.thrown("binary data must be an ArrayBuffer, a typed array or an array of bytes");
    }
}
