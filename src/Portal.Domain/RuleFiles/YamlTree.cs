using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Portal.Domain.RuleFiles;

internal sealed partial class YamlScalar(Mark start, string value, ScalarStyle style, string? tag) : YamlNode(start)
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    public ScalarKind Kind
    {
        get
        {
            if (Style != ScalarStyle.Plain || tag == StringTag || (tag is not null && !tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal)))
            {
                return ScalarKind.String;
            }

            return tag switch
            {
                "tag:yaml.org,2002:null" => ScalarKind.Null,
                "tag:yaml.org,2002:bool" => ScalarKind.Bool,
                "tag:yaml.org,2002:int" => ScalarKind.Int,
                "tag:yaml.org,2002:float" => ScalarKind.Float,
                _ => Resolve(Value),
            };
        }
    }

    public bool IsNull => Kind == ScalarKind.Null;

    public static ScalarKind Resolve(string plain)
    {
        if (plain is "" or "~" or "null" or "Null" or "NULL")
        {
            return ScalarKind.Null;
        }

        if (plain is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return ScalarKind.Bool;
        }

        if (IntPattern().IsMatch(plain))
        {
            return ScalarKind.Int;
        }

        return FloatPattern().IsMatch(plain) ? ScalarKind.Float : ScalarKind.String;
    }

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "nothing",
        ScalarKind.Bool => $"the boolean {Value}",
        ScalarKind.Int or ScalarKind.Float => $"the number {Value}",
        _ => "text",
    };

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();
}

/// <summary>Reads YAML into <see cref="YamlNode"/> trees, enforcing the limits in <see cref="ParseLimits"/> as it goes.</summary>
internal static class YamlTree
{
    public static YamlReadResult Read(string text, YamlBudget budget)
    {
        var documents = new List<YamlDocumentNode>();
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YamlNode? root = null;
        Mark documentStart = Mark.Empty;
        var parser = new Parser(new StringReader(text));
        var lastGood = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                lastGood = parser.Current!.End;
                switch (parser.Current)
                {
                    case DocumentStart start:
                        if (++budget.Documents > ParseLimits.MaxDocuments)
                        {
                            return new(documents, null, $"refused: more than {ParseLimits.MaxDocuments} YAML documents (Markdown blocks count as documents)");
                        }

                        // Anchors are scoped to their document.
                        anchors.Clear();
                        root = null;
                        documentStart = start.Start;
                        break;
                    case DocumentEnd:
                        documents.Add(new YamlDocumentNode(root, (int)documentStart.Line, (int)documentStart.Column));
                        break;
                    case Scalar scalar:
                        var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
                        var node = new YamlScalar(scalar.Start, scalar.Value, scalar.Style, tag);
                        Remember(anchors, scalar.Anchor, node);
                        Attach(stack, node, ref root);
                        break;
                    case SequenceStart sequenceStart:
                        if (stack.Count >= ParseLimits.MaxDepth)
                        {
                            return new(documents, null, TooDeep(sequenceStart.Start));
                        }

                        stack.Push(new Frame(new YamlSequence(sequenceStart.Start), sequenceStart.Anchor));
                        break;
                    case MappingStart mappingStart:
                        if (stack.Count >= ParseLimits.MaxDepth)
                        {
                            return new(documents, null, TooDeep(mappingStart.Start));
                        }

                        stack.Push(new Frame(new YamlMapping(mappingStart.Start), mappingStart.Anchor));
                        break;
                    case SequenceEnd or MappingEnd:
                        var frame = stack.Pop();
                        // A node's anchor becomes usable only once the node is complete, so an alias
                        // can never point into its own ancestors and the trees stay acyclic.
                        Remember(anchors, frame.Anchor, frame.Node);
                        Attach(stack, frame.Node, ref root);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            return new(documents, new YamlSyntaxError((int)alias.Start.Line, (int)alias.Start.Column, $"unknown anchor '{alias.Value.Value}' referenced"), null);
                        }

                        budget.AliasExpansion = SaturatingAdd(budget.AliasExpansion, target.Size);
                        if (budget.AliasExpansion > ParseLimits.MaxAliasExpansion)
                        {
                            return new(documents, null,
                                $"refused: aliases expand to more than {ParseLimits.MaxAliasExpansion} nodes (line {alias.Start.Line}); this looks like a \"billion laughs\" document");
                        }

                        Attach(stack, target, ref root);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            return new(documents, new YamlSyntaxError((int)e.Start.Line, (int)e.Start.Column, Clean(e.Message)), null);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these instead of a YamlException on some malformed input (odd flow
            // collections, invalid tags; found by fuzzing). Broken either way, so reported like any
            // syntax error, at the last place the reader got to.
            var detail = e is ArgumentException { ParamName: not null } argument ? argument.Message.Replace($" (Parameter '{argument.ParamName}')", "", StringComparison.Ordinal) : "malformed YAML";
            return new(documents, new YamlSyntaxError((int)lastGood.Line, (int)lastGood.Column, $"{detail.TrimEnd('.')} after this point"), null);
        }

        return new(documents, null, null);
    }

    private static string TooDeep(Mark at) =>
        $"refused: YAML nested deeper than {ParseLimits.MaxDepth} levels (line {at.Line})";

    private static void Remember(Dictionary<string, YamlNode> anchors, AnchorName anchor, YamlNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    private static void Attach(Stack<Frame> stack, YamlNode node, ref YamlNode? root)
    {
        if (stack.Count == 0)
        {
            root = node;
            return;
        }

        var parent = stack.Peek();
        parent.Node.Size = SaturatingAdd(parent.Node.Size, node.Size);
        switch (parent.Node)
        {
            case YamlSequence sequence:
                sequence.Items.Add(node);
                break;
            case YamlMapping when parent.PendingKey is null:
                parent.PendingKey = node;
                break;
            case YamlMapping mapping:
                mapping.Entries.Add((parent.PendingKey!, node));
                parent.PendingKey = null;
                break;
        }
    }

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>YamlDotNet sometimes prefixes its own position; the report carries the position separately.</summary>
    private static string Clean(string message)
    {
        var text = message;
        if (text.StartsWith("(Line:", StringComparison.Ordinal) && text.IndexOf("): ", StringComparison.Ordinal) is var end and > 0)
        {
            text = text[(end + 3)..];
        }

        return text.TrimEnd('.');
    }

    private sealed class Frame(YamlNode node, AnchorName anchor)
    {
        public YamlNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        public YamlNode? PendingKey { get; set; }
    }
}
