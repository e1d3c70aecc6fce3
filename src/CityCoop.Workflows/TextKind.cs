namespace CityCoop.Workflows;

/// <summary>Which characters a free-text field may hold besides printable ones (<see cref="TextRules"/>).</summary>
public enum TextKind
{
    /// <summary>One line (items, activity texts, codes, e-mail addresses, search words): no control character at all.</summary>
    SingleLine,

    /// <summary>Several lines (a description, a comment): tab, line feed and carriage return are allowed.</summary>
    MultiLine,

    /// <summary>
    /// A title or a file name shown in lists and links: one line and no bidirectional formatting character either
    /// (U+202A–U+202E, U+2066–U+2069), which would reorder the text after it on the reader's screen.
    /// </summary>
    Title,
}
