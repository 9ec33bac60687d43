namespace Portal.Domain.PromQl;

/// <summary>A 1-based line and column, as editors and Prometheus report them.</summary>
public readonly record struct Position(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";

    /// <summary>How a page says it to a person: "line 1, column 6".</summary>
    public string InWords() => $"line {Line}, column {Column}";

    public static Position At(string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        offset = Math.Clamp(offset, 0, text.Length);
        if (offset < ScanUpTo)
        {
            return Scan(text, offset);
        }

        // Lint asks once per finding; scanning from the start each time is quadratic in a long expression
        // with many findings. The line starts live exactly as long as the text they describe.
        var starts = LineStartsOf.GetValue(text, LineStarts);
        var index = Array.BinarySearch(starts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return new Position(line + 1, offset - starts[line] + 1);
    }

    private const int ScanUpTo = 1024;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, int[]> LineStartsOf = new();

    private static Position Scan(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new Position(line, offset - lineStart + 1);
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
