// Read every vCard in a .vcf file with ez-vcard (the parser DAVx5 uses) and
// print what it decoded as JSON on stdout. Parse warnings go to stderr.
//
// Run with the single-file source launcher (needs a JDK, not just a JRE):
//   java -Dfile.encoding=UTF-8 \
//        -cp /usr/share/java/ez-vcard.jar:/usr/share/java/vinnie.jar \
//        EzRead.java path/to/file.vcf
//
// -Dfile.encoding=UTF-8 matters: Ezvcard.parse(File) (ez-vcard 0.11.2) reads
// the file through java.io.FileReader, i.e. in the JVM's *default* charset,
// which on Java 17 follows the locale (LANG=C gives US-ASCII). This program
// refuses to run unless the default charset is UTF-8, so a wrong setup fails
// loudly instead of producing mojibake.
//
// Output shape is the same as icaljs_read.mjs:
//   [{"version", "fn", "n", "org", "title", "note", "url", "uid", "rev",
//     "tel": [{"value", "types"[, "label"]}], "email": [{"value", "types"}]}, ...]
//   (a tel's "label" is the X-ABLabel of its property group, present only when the card has one)
// * single-valued properties: value of the FIRST such property, or null.
// * n: [family, given, additional, prefix, suffix]; ez-vcard models the last
//   three as lists: an empty list is printed as "", a one-element list as that
//   string, a longer list as a JSON list. A missing family/given is "".
// * org: Organization.getValues().
// * tel: getText(), or getUri().toString() for VALUE=uri numbers (vCard 4.0).
// * types: the typed getTypes() API (what clients use), values lowercased.
// * rev: the decoded java.util.Date as an ISO-8601 UTC instant.
//
// This file is kept pure ASCII on purpose (source encoding independence).

import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.io.ParseWarning;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.TelephoneType;
import ezvcard.property.Email;
import ezvcard.property.FormattedName;
import ezvcard.property.Note;
import ezvcard.property.Organization;
import ezvcard.property.Revision;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.property.Title;
import ezvcard.property.Uid;
import ezvcard.property.Url;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

public class EzRead {

    // ---- minimal JSON writer -------------------------------------------

    static void str(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029
                            || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c); // non-ASCII is written as UTF-8
                    }
            }
        }
        sb.append('"');
    }

    // true if the surrogate at i is part of a well-formed pair
    static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    static void key(StringBuilder sb, String k) {
        str(sb, k);
        sb.append(": ");
    }

    static void strList(StringBuilder sb, List<String> items) {
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(", ");
            str(sb, items.get(i));
        }
        sb.append(']');
    }

    // "" for an empty list, the string for one element, a JSON list otherwise
    static void component(StringBuilder sb, List<String> items) {
        if (items == null || items.isEmpty()) {
            str(sb, "");
        } else if (items.size() == 1) {
            str(sb, items.get(0));
        } else {
            strList(sb, items);
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---- card -> JSON ----------------------------------------------------

    static void typedValues(StringBuilder sb, String value, List<String> types) {
        sb.append("{");
        key(sb, "value");
        str(sb, value);
        sb.append(", ");
        key(sb, "types");
        strList(sb, types);
        sb.append("}");
    }

    // The X-ABLabel in the same property group (Apple's custom label of a TEL), or null.
    static String label(VCard vc, String group) {
        if (group == null) return null;
        for (ezvcard.property.RawProperty p : vc.getExtendedProperties("X-ABLABEL")) {
            if (group.equalsIgnoreCase(p.getGroup())) return p.getValue();
        }
        return null;
    }

    static void card(StringBuilder sb, VCard vc) {
        sb.append(" {\n");

        key(sb, "version");
        str(sb, vc.getVersion() == null ? null : vc.getVersion().getVersion());
        sb.append(",\n");

        FormattedName fn = vc.getFormattedName();
        key(sb, "fn");
        str(sb, fn == null ? null : fn.getValue());
        sb.append(",\n");

        StructuredName n = vc.getStructuredName();
        key(sb, "n");
        if (n == null) {
            sb.append("null");
        } else {
            sb.append('[');
            str(sb, nz(n.getFamily()));
            sb.append(", ");
            str(sb, nz(n.getGiven()));
            sb.append(", ");
            component(sb, n.getAdditionalNames());
            sb.append(", ");
            component(sb, n.getPrefixes());
            sb.append(", ");
            component(sb, n.getSuffixes());
            sb.append(']');
        }
        sb.append(",\n");

        Organization org = vc.getOrganization();
        key(sb, "org");
        if (org == null) sb.append("null"); else strList(sb, org.getValues());
        sb.append(",\n");

        List<Title> titles = vc.getTitles();
        key(sb, "title");
        str(sb, titles.isEmpty() ? null : titles.get(0).getValue());
        sb.append(",\n");

        List<Note> notes = vc.getNotes();
        key(sb, "note");
        str(sb, notes.isEmpty() ? null : notes.get(0).getValue());
        sb.append(",\n");

        List<Url> urls = vc.getUrls();
        key(sb, "url");
        str(sb, urls.isEmpty() ? null : urls.get(0).getValue());
        sb.append(",\n");

        Uid uid = vc.getUid();
        key(sb, "uid");
        str(sb, uid == null ? null : uid.getValue());
        sb.append(",\n");

        Revision rev = vc.getRevision();
        key(sb, "rev");
        Date revDate = rev == null ? null : rev.getValue();
        str(sb, revDate == null ? null : revDate.toInstant().toString());
        sb.append(",\n");

        key(sb, "tel");
        sb.append('[');
        List<Telephone> tels = vc.getTelephoneNumbers();
        for (int i = 0; i < tels.size(); i++) {
            Telephone t = tels.get(i);
            if (i > 0) sb.append(", ");
            String value = t.getText() != null ? t.getText()
                    : (t.getUri() != null ? t.getUri().toString() : null);
            List<String> types = new ArrayList<>();
            for (TelephoneType tt : t.getTypes()) {
                types.add(tt.getValue().toLowerCase(Locale.ROOT));
            }
            typedValues(sb, value, types);
            String label = label(vc, t.getGroup());
            if (label != null) {
                sb.setLength(sb.length() - 1); // reopen the object: a label only where the card gives one
                sb.append(", ");
                key(sb, "label");
                str(sb, label);
                sb.append("}");
            }
        }
        sb.append("],\n");

        key(sb, "email");
        sb.append('[');
        List<Email> emails = vc.getEmails();
        for (int i = 0; i < emails.size(); i++) {
            Email e = emails.get(i);
            if (i > 0) sb.append(", ");
            List<String> types = new ArrayList<>();
            for (EmailType et : e.getTypes()) {
                types.add(et.getValue().toLowerCase(Locale.ROOT));
            }
            typedValues(sb, e.getValue(), types);
        }
        sb.append("]\n");

        sb.append(" }");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp ez-vcard.jar:vinnie.jar EzRead.java FILE.vcf");
            System.exit(2);
        }
        if (!Charset.defaultCharset().equals(StandardCharsets.UTF_8)) {
            System.err.println("EzRead: the JVM default charset is " + Charset.defaultCharset()
                    + "; Ezvcard.parse(File) would decode the file with it."
                    + " Run java with -Dfile.encoding=UTF-8.");
            System.exit(3);
        }
        File file = new File(args[0]);
        if (!file.isFile()) {
            System.err.println("EzRead: no such file: " + args[0]);
            System.exit(2);
        }

        List<List<ParseWarning>> warnings = new ArrayList<>();
        List<VCard> cards = Ezvcard.parse(file).warnings(warnings).all();

        for (int i = 0; i < warnings.size(); i++) {
            for (ParseWarning w : warnings.get(i)) {
                System.err.println("ez-vcard warning (card " + i + "): " + w);
            }
        }

        StringBuilder sb = new StringBuilder();
        sb.append("[\n");
        for (int i = 0; i < cards.size(); i++) {
            if (i > 0) sb.append(",\n");
            card(sb, cards.get(i));
        }
        sb.append("\n]\n");

        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        out.print(sb);
        out.flush();
        if (out.checkError()) {
            System.exit(4);
        }
    }
}
