using System.Globalization;

namespace Portal.Domain.PromQl;

/// <summary>
/// The limits Go's regexp/syntax puts on a pattern, measured as Go measures them on the pattern
/// Prometheus compiles (the matcher wrapped in <c>^(?:...)$</c>): counted repetitions of at most
/// 1000, nested counted repetitions whose product stays within 1000, a tree at most 1000 nodes
/// high, and a program size within Go's budget. Syntax errors are left to the .NET check that follows.
/// </summary>
internal static class Re2Limits
{
    private const int MaxRepeat = 1000;
    private const int MaxHeight = 1000;

    // 128 MiB of 40-byte instructions, Go's maxSize.
    private const long MaxSize = (128L << 20) / 40;

    // Saturation point for sizes and products, far above every limit and far below overflow.
    private const long Cap = 1L << 40;

    private enum Shape
    {
        Other,
        Literal,
        CharLike,
        Concat,
        Alternate,
    }

    /// <summary>
    /// One node of Go's parse tree, as far as the limits care: its program size, its height, the
    /// repetition budget its subtree needs (repeatIsValid) and, for concatenations and alternations
    /// that Go flattens into a parent of the same kind, the height of their children.
    /// </summary>
    private readonly record struct Node(long Size, int Height, long Need, Shape Shape, int ChildHeight = 0);

    private sealed class Frame(bool capture)
    {
        public bool Capture { get; } = capture;

        public List<Node> Alternatives { get; } = [];

        public List<Node> Items { get; } = [];

        public string? LastRepeat { get; set; }
    }

    /// <summary>The first limit the pattern breaks, worded as Go words it, or null.</summary>
    public static string? Check(string pattern)
    {
        var frames = new Stack<Frame>();
        frames.Push(new Frame(false));
        long nodes = 0;
        long repeats = 1;
        for (var i = 0; i < pattern.Length;)
        {
            var frame = frames.Peek();
            var c = pattern[i];
            switch (c)
            {
                case '(':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '?')
                    {
                        if (i + 2 < pattern.Length && pattern[i + 2] == 'P')
                        {
                            var close = pattern.IndexOf('>', i);
                            if (close < 0)
                            {
                                return null;
                            }

                            frames.Push(new Frame(true));
                            i = close + 1;
                            break;
                        }

                        var j = i + 2;
                        while (j < pattern.Length && pattern[j] is not (':' or ')'))
                        {
                            j++;
                        }

                        if (j >= pattern.Length)
                        {
                            return null;
                        }

                        if (pattern[j] == ':')
                        {
                            frames.Push(new Frame(false));
                        }

                        // A bare flag group such as (?i) is no node at all.
                        i = j + 1;
                        break;
                    }

                    frames.Push(new Frame(true));
                    i++;
                    break;
                case ')':
                    if (frames.Count == 1)
                    {
                        return null;
                    }

                    frames.Pop();
                    var group = Alternation(frame);
                    nodes++;
                    Add(frames.Peek(), frame.Capture ? new Node(2 + group.Size, 1 + group.Height, group.Need, Shape.Other) : group);
                    i++;
                    break;
                case '|':
                    frame.Alternatives.Add(Concatenation(frame.Items));
                    frame.Items.Clear();
                    frame.LastRepeat = null;
                    i++;
                    break;
                case '*' or '+' or '?':
                {
                    var end = i + 1 < pattern.Length && pattern[i + 1] == '?' ? i + 2 : i + 1;
                    var op = pattern[i..end];
                    if (Repeat(frame, op, out var operand) is { } problem)
                    {
                        return problem;
                    }

                    var size = c == '*' ? 2 + operand.Size : 1 + operand.Size;
                    nodes++;
                    frame.Items.Add(new Node(Math.Min(size, Cap), 1 + operand.Height, operand.Need, Shape.Other));
                    frame.LastRepeat = op;
                    i = end;
                    break;
                }

                case '{' when CountedRepeat(pattern, i) is var (min, max, length) && length > 0:
                {
                    var end = i + length < pattern.Length && pattern[i + length] == '?' ? i + length + 1 : i + length;
                    var op = pattern[i..end];
                    if (min is < 0 or > MaxRepeat || max > MaxRepeat || (max >= 0 && min > max))
                    {
                        return $"invalid repeat count: `{op}`";
                    }

                    if (Repeat(frame, op, out var operand) is { } problem)
                    {
                        return problem;
                    }

                    var repeated = CountedNode(operand, min, max);
                    if ((min >= 2 || max >= 2) && repeated.Need > MaxRepeat)
                    {
                        return $"invalid repeat count: `{op}`";
                    }

                    var n = max == -1 ? min : max;
                    repeats = Math.Min(Cap, repeats * Math.Max(n, 1));
                    nodes++;
                    frame.Items.Add(repeated);
                    frame.LastRepeat = op;
                    i = end;
                    break;
                }

                case '[':
                {
                    var end = ClassEnd(pattern, i);
                    if (end < 0)
                    {
                        return null;
                    }

                    nodes++;
                    Add(frame, new Node(1, 1, 0, Shape.CharLike));
                    i = end;
                    break;
                }

                case '\\':
                    i = Escape(pattern, i, frame, ref nodes);
                    break;
                case '.':
                    nodes++;
                    Add(frame, new Node(1, 1, 0, Shape.CharLike));
                    i++;
                    break;
                case '^' or '$':
                    nodes++;
                    Add(frame, new Node(1, 1, 0, Shape.Other));
                    i++;
                    break;
                default:
                    nodes++;
                    AddLiteral(frame);
                    i += char.IsHighSurrogate(c) && i + 1 < pattern.Length ? 2 : 1;
                    break;
            }
        }

        if (frames.Count != 1)
        {
            return null;
        }

        var inner = Alternation(frames.Pop());
        var anchor = new Node(1, 1, 0, Shape.Other);
        var wrapped = Concatenation([anchor, inner, anchor]);
        if (wrapped.Height > MaxHeight)
        {
            return "expression nests too deeply";
        }

        // Go sizes the program only once nodes times repetitions could exceed the budget; below that it cannot.
        if (nodes * repeats >= MaxSize && wrapped.Size > MaxSize)
        {
            return "expression too large";
        }

        return null;
    }

    private static string? Repeat(Frame frame, string op, out Node operand)
    {
        operand = default;
        if (frame.LastRepeat is { } last)
        {
            return $"invalid nested repetition operator: `{last}{op}`";
        }

        if (frame.Items.Count == 0)
        {
            return $"missing argument to repetition operator: `{op}`";
        }

        var previous = frame.Items[^1];
        if (previous.Shape == Shape.Literal && previous.Size > 1)
        {
            // A repetition binds to the last character of a literal run only.
            frame.Items[^1] = previous with { Size = previous.Size - 1 };
            operand = new Node(1, 1, 0, Shape.CharLike);
        }
        else
        {
            frame.Items.RemoveAt(frame.Items.Count - 1);
            operand = previous;
        }

        return null;
    }

    private static Node CountedNode(Node operand, int min, int max)
    {
        long size = max == -1
            ? min == 0 ? 2 + operand.Size : 1 + Multiply(min, operand.Size)
            : Multiply(max, operand.Size) + (max - min);
        // repeatIsValid: an outer count divides the budget its inner counts share; x{0} needs none.
        var m = max < 0 ? min : max;
        var need = max == 0 ? 0 : m > 0 ? Math.Max(m, Multiply(m, operand.Need)) : operand.Need;
        return new Node(Math.Clamp(size, 1, Cap), 1 + operand.Height, need, Shape.Other);
    }

    private static long Multiply(long a, long b) => b != 0 && a > Cap / b ? Cap : Math.Min(Cap, a * b);

    private static void Add(Frame frame, Node node)
    {
        frame.Items.Add(node);
        frame.LastRepeat = null;
    }

    private static void AddLiteral(Frame frame)
    {
        frame.LastRepeat = null;
        // Go merges a run of literal characters into one node whose size is the run's length.
        if (frame.Items.Count > 0 && frame.Items[^1] is { Shape: Shape.Literal } last)
        {
            frame.Items[^1] = last with { Size = last.Size + 1 };
            return;
        }

        frame.Items.Add(new Node(1, 1, 0, Shape.Literal));
    }

    private static Node Concatenation(IReadOnlyList<Node> items)
    {
        if (items.Count == 0)
        {
            return new Node(1, 1, 0, Shape.Other);
        }

        if (items.Count == 1)
        {
            return items[0];
        }

        var (size, need, childHeight) = Combine(items, Shape.Concat, 0);
        return new Node(Math.Max(size, 1), 1 + childHeight, need, Shape.Concat, childHeight);
    }

    private static Node Alternation(Frame frame)
    {
        var alternatives = new List<Node>(frame.Alternatives) { Concatenation(frame.Items) };
        if (alternatives.Count == 1)
        {
            return alternatives[0];
        }

        // Go folds alternatives that are all single characters or classes into one class.
        if (alternatives.All(a => a.Shape == Shape.CharLike || (a.Shape == Shape.Literal && a.Size == 1)))
        {
            return new Node(1, 1, 0, Shape.CharLike);
        }

        var (size, need, childHeight) = Combine(alternatives, Shape.Alternate, alternatives.Count - 1);
        return new Node(size, 1 + childHeight, need, Shape.Alternate, childHeight);
    }

    /// <summary>
    /// Sizes add up (capped), the deepest repeat need wins, and children of the same shape are flattened into
    /// this node as Go's parser does, so they count their own children's height.
    /// </summary>
    private static (long Size, long Need, int ChildHeight) Combine(IEnumerable<Node> children, Shape flattened, long size)
    {
        long need = 0;
        var childHeight = 0;
        foreach (var child in children)
        {
            size = Math.Min(Cap, size + child.Size);
            need = Math.Max(need, child.Need);
            childHeight = Math.Max(childHeight, child.Shape == flattened ? child.ChildHeight : child.Height);
        }

        return (size, need, childHeight);
    }

    /// <summary>`{n}`, `{n,}` or `{n,m}` at <paramref name="start"/>: the counts (-1 for none or too big) and its length, or length 0 when it is a literal brace.</summary>
    private static (int Min, int Max, int Length) CountedRepeat(string pattern, int start)
    {
        var i = start + 1;
        if (!Number(pattern, ref i, out var min) || i >= pattern.Length)
        {
            return (0, 0, 0);
        }

        var max = min;
        if (pattern[i] == ',')
        {
            i++;
            if (i < pattern.Length && pattern[i] == '}')
            {
                max = -1;
            }
            else if (!Number(pattern, ref i, out max))
            {
                return (0, 0, 0);
            }
        }

        return i < pattern.Length && pattern[i] == '}' ? (min, max, i + 1 - start) : (0, 0, 0);
    }

    // Like Go: no leading zeros, and anything past eight digits reads as too big (-1).
    private static bool Number(string pattern, ref int i, out int value)
    {
        var start = i;
        while (i < pattern.Length && char.IsAsciiDigit(pattern[i]))
        {
            i++;
        }

        var digits = pattern[start..i];
        value = digits.Length is 0 or > 8 ? -1 : int.Parse(digits, CultureInfo.InvariantCulture);
        return digits.Length > 0 && !(digits.Length > 1 && digits[0] == '0');
    }

    /// <summary>The index just past the class that opens at <paramref name="start"/>, or -1 when it never closes.</summary>
    private static int ClassEnd(string pattern, int start)
    {
        var i = start + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        while (i < pattern.Length)
        {
            if (pattern[i] == '\\')
            {
                i += 2;
            }
            else if (pattern[i] == '[' && i + 1 < pattern.Length && pattern[i + 1] == ':' && pattern.IndexOf(":]", i + 2, StringComparison.Ordinal) is var named and >= 0)
            {
                i = named + 2;
            }
            else if (pattern[i] == ']')
            {
                return i + 1;
            }
            else
            {
                i++;
            }
        }

        return -1;
    }

    private static int Escape(string pattern, int start, Frame frame, ref long nodes)
    {
        if (start + 1 >= pattern.Length)
        {
            return pattern.Length;
        }

        var e = pattern[start + 1];
        var i = start + 2;
        nodes++;
        switch (e)
        {
            case 'Q':
                var quoteEnd = pattern.IndexOf("\\E", i, StringComparison.Ordinal);
                var quoted = quoteEnd < 0 ? pattern.Length : quoteEnd;
                for (; i < quoted; i++)
                {
                    AddLiteral(frame);
                }

                return quoteEnd < 0 ? pattern.Length : quoteEnd + 2;
            case 'p' or 'P':
                Add(frame, new Node(1, 1, 0, Shape.CharLike));
                return i < pattern.Length && pattern[i] == '{' && pattern.IndexOf('}', i) is var brace and >= 0 ? brace + 1 : i + 1;
            case 'd' or 'D' or 's' or 'S' or 'w' or 'W':
                Add(frame, new Node(1, 1, 0, Shape.CharLike));
                return i;
            case 'b' or 'B' or 'A' or 'z':
                Add(frame, new Node(1, 1, 0, Shape.Other));
                return i;
            case 'x':
                AddLiteral(frame);
                return i < pattern.Length && pattern[i] == '{' && pattern.IndexOf('}', i) is var hex and >= 0 ? hex + 1 : Math.Min(i + 2, pattern.Length);
            case >= '0' and <= '7':
                AddLiteral(frame);
                while (i < pattern.Length && i < start + 4 && pattern[i] is >= '0' and <= '7')
                {
                    i++;
                }

                return i;
            default:
                AddLiteral(frame);
                return i;
        }
    }
}
