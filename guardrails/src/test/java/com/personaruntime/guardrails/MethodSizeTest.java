package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.text.TextNormalizer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every method of the guardrails' main classes stays small enough for the JIT. HotSpot never compiles a method of
 * more than {@value #HUGE_METHOD_LIMIT} bytes of bytecode (its {@code HugeMethodLimit}, with {@code
 * DontCompileHugeMethods} on by default): such a method runs interpreted for good, many times slower,
 * and one more line in a method just under the limit is enough to get there. A method above {@value
 * #INLINING_BUDGET} bytes also leaves its callees little of C2's inlining budget ({@code DesiredMethodLimit}, 8,000
 * bytes for the method and everything inlined into it): {@code TextNormalizer.normalize} at 5,582 bytes had even
 * 27-byte helpers called, not inlined ("size &gt; DesiredMethodLimit" under {@code -XX:+PrintInlining}), until its
 * passes became methods of their own.
 *
 * <p>Reads the class files of {@code target/classes} (the Code attribute's {@code code_length} of every method).
 * Static initialisers are left out: they run once, and the JIT never compiles them whatever their size.
 */
class MethodSizeTest {
  static final int HUGE_METHOD_LIMIT = 8000;
  static final int INLINING_BUDGET = 4000;

  record Method(String owner, String name, int codeLength) {
  }

  @Test
  void noMethodIsTooLargeToCompileOrToInlineInto() throws Exception {
    Path classes = Path.of(TextNormalizer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Method> methods = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        try (InputStream in = Files.newInputStream(f)) {
          methods.addAll(methods(classes.relativize(f).toString(), new DataInputStream(in)));
        }
      }
    }
    // the reader reads what it should: the normaliser's passes are there, with their bytecode
    assertThat(methods).anySatisfy(m -> {
      assertThat(m.owner()).endsWith("TextNormalizer.class");
      assertThat(m.name()).isEqualTo("units");
      assertThat(m.codeLength()).isGreaterThan(500);
    });
    assertThat(methods.size()).isGreaterThan(1000);
    // static initialisers run once, interpreted, whatever their size (Negation's term tables: 7,978 bytes)
    methods.removeIf(m -> m.name().equals("<clinit>"));
    methods.sort(Comparator.comparingInt(Method::codeLength).reversed());
    assertThat(methods.get(0).codeLength())
        .as("largest methods: %s", methods.subList(0, 5))
        .isLessThan(HUGE_METHOD_LIMIT);
    // and well within the inlining budget: the largest today are InjectionTrainer.main (2,320 bytes, a command
    // line) and LexiconRail.lexicalFindings (2,125 bytes)
    assertThat(methods.stream().filter(m -> m.codeLength() >= INLINING_BUDGET))
        .as("methods of %d bytes or more", INLINING_BUDGET)
        .isEmpty();
  }

  /** The methods of one class file with their bytecode length (JVMS 4: constant pool, fields, methods, Code). */
  static List<Method> methods(String owner, DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file: " + owner);
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int cpCount = in.readUnsignedShort();
    String[] utf8 = new String[cpCount];
    for (int i = 1; i < cpCount; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
        case 5, 6 -> {
          in.skipNBytes(8);
          i++; // two slots
        }
        case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
        case 15 -> in.skipNBytes(3);
        default -> throw new IOException("constant pool tag " + tag + " in " + owner);
      }
    }
    in.skipNBytes(6); // access, this, super
    in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
    int fields = in.readUnsignedShort();
    for (int f = 0; f < fields; f++) {
      in.skipNBytes(6);
      skipAttributes(in);
    }
    List<Method> out = new ArrayList<>();
    int methods = in.readUnsignedShort();
    for (int m = 0; m < methods; m++) {
      in.skipNBytes(2);
      String name = utf8[in.readUnsignedShort()];
      in.skipNBytes(2);
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attr = utf8[in.readUnsignedShort()];
        int len = in.readInt();
        if ("Code".equals(attr)) {
          in.skipNBytes(4); // max_stack, max_locals
          int codeLength = in.readInt();
          out.add(new Method(owner, name, codeLength));
          in.skipNBytes(len - 8L);
        } else {
          in.skipNBytes(len);
        }
      }
    }
    return out;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int n = in.readUnsignedShort();
    for (int a = 0; a < n; a++) {
      in.skipNBytes(2);
      in.skipNBytes(in.readInt());
    }
  }
}
