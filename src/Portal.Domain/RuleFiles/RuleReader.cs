namespace Portal.Domain.RuleFiles;

/// <summary>
/// Turns YAML trees into rule drafts and report items, one document at a time, then
/// <see cref="Finish"/> validates the whole import and builds the model. Stateful and single-use.
/// </summary>
internal sealed partial class RuleReader(ParseOptions options)
{
    private readonly List<ReportItem> _items = [];
    private readonly List<GroupBeingRead> _groups = [];
    private GroupBeingRead? _defaultGroup;
    private YamlSource _source = new("document", 0, 0, null);
    private ReportItem _block = new(ReportKind.Block, "", 1, null);

    public void Read(YamlReadResult read, YamlSource source, string yamlText)
    {
        _source = source;
        for (var i = 0; i < read.Documents.Count; i++)
        {
            var document = read.Documents[i];
            var label = Label(source, i, read.Documents.Count + (read.Error is null ? 0 : 1));
            var line = i == 0 && source.FenceLine is { } fence ? fence : document.Line + source.LineOffset;
            _block = Add(new ReportItem(ReportKind.Block, label, line, null));
            ReadDocument(document.Root);
        }

        if (read.Error is { } error)
        {
            var label = Label(source, read.Documents.Count, read.Documents.Count + 1);
            var item = Add(new ReportItem(ReportKind.Block, label, error.Line + source.LineOffset, error.Column + source.ColumnOffset));
            var message = $"YAML syntax error at line {item.Line}, column {item.Column}: {error.Message}";
            // A broken block in a Markdown document that never mentions rules is somebody's config
            // example; failing the import over it would punish the reader for the writer's typo.
            if (source.FenceLine is not null && !MentionsRules(yamlText))
            {
                item.Skip($"not valid YAML and no rules in sight ({message})");
            }
            else
            {
                item.Errors.Add(message + (read.Documents.Count > 0 ? "; nothing after it was read" : ""));
            }
        }
    }

    public void NoteEmpty(string reason) => Add(new ReportItem(ReportKind.Block, "input", 1, null)).Skip(reason);

    private static string Label(YamlSource source, int index, int count) =>
        source.FenceLine is null ? $"document {index + 1}" : count > 1 ? $"{source.Label}, document {index + 1}" : source.Label;

    private static bool MentionsRules(string yaml) =>
        yaml.Contains("alert:", StringComparison.Ordinal) || yaml.Contains("record:", StringComparison.Ordinal)
        || yaml.Contains("groups:", StringComparison.Ordinal) || yaml.Contains("expr:", StringComparison.Ordinal);

    private void ReadDocument(YamlNode? root)
    {
        switch (root)
        {
            case YamlMapping mapping when Text(mapping.Get("kind")) == "PrometheusRule":
                ReadPrometheusRule(mapping);
                break;
            case YamlMapping mapping when mapping.Has("apiVersion") && mapping.Has("kind"):
                _block.Skip(BlockClassifier.DescribeNonRules(mapping));
                break;
            case YamlMapping mapping when mapping.Has("groups"):
                _block.Notes.Add("Prometheus rule file");
                foreach (var (key, _, value) in Entries(mapping.Entries, _block))
                {
                    if (key == "groups")
                    {
                        ReadGroupList(value, loose: false);
                    }
                    else
                    {
                        Unknown(_block, key, "at the top level");
                    }
                }

                break;
            case YamlMapping mapping when mapping.Has("alert") || mapping.Has("record"):
                ReadSingleRules(mapping);
                break;
            case YamlMapping mapping when mapping.Has("rules"):
                _block.Warnings.Add("a single group without the 'groups:' list around it; read it as one");
                ReadGroup(mapping, fallbackName: options.DefaultGroupName);
                break;
            case YamlMapping mapping when BlockClassifier.IsQueryMap(mapping):
                _block.Notes.Add("named queries, read as recording rules (record = name, expr = query)");
                foreach (var (key, keyNode, value) in Entries(mapping.Entries, _block))
                {
                    var group = DefaultGroup(Line(keyNode));
                    var item = Add(new ReportItem(ReportKind.Record, key, Line(keyNode), Column(keyNode)));
                    item.Notes.Add("named query read as a recording rule");
                    group.Rules.Add(new RuleDraft(item, _block, new RecordingRule(key, ((YamlScalar)value).Value.Trim())));
                }

                break;
            case YamlSequence sequence when sequence.Items.Any(IsRuleMapping):
                _block.Notes.Add("a list of rules without a group");
                foreach (var item in sequence.Items)
                {
                    ReadRuleListItem(item, DefaultGroup(Line(item)));
                }

                break;
            case YamlSequence sequence when sequence.Items.Any(i => i is YamlMapping m && m.Has("rules")):
                _block.Warnings.Add("a list of groups without 'groups:' before it; read it as one");
                ReadGroupList(sequence, loose: true);
                break;
            default:
                _block.Skip(BlockClassifier.DescribeNonRules(root));
                break;
        }
    }

    /// <summary>A list item with <c>expr</c> but neither name key is still meant as a rule; reporting it beats skipping it.</summary>
    private static bool IsRuleMapping(YamlNode node) => node is YamlMapping m && (m.Has("alert") || m.Has("record") || m.Has("expr"));

    private void ReadPrometheusRule(YamlMapping manifest)
    {
        var apiVersion = Text(manifest.Get("apiVersion"));
        var name = Text((manifest.Get("metadata") as YamlMapping)?.Get("name"));
        _block.Notes.Add($"PrometheusRule {name ?? "(unnamed)"}");
        if (apiVersion != "monitoring.coreos.com/v1")
        {
            _block.Warnings.Add($"apiVersion is \"{apiVersion}\", not monitoring.coreos.com/v1; read it anyway");
        }

        if (manifest.Get("spec") is not YamlMapping spec || !spec.Has("groups"))
        {
            _block.Errors.Add("the PrometheusRule has no spec.groups");
            return;
        }

        foreach (var (key, _, value) in Entries(spec.Entries, _block))
        {
            if (key == "groups")
            {
                ReadGroupList(value, loose: false);
            }
            else
            {
                _block.Warnings.Add($"unknown field '{key}' in spec was ignored");
            }
        }
    }

    /// <summary>
    /// Several rules pasted one after another without "- " make one mapping with repeated keys; when
    /// it holds more than one alert or record key, a repeated key starts the next rule.
    /// </summary>
    private void ReadSingleRules(YamlMapping mapping)
    {
        var names = mapping.Entries.Count(e => YamlMapping.KeyText(e.Key) is "alert" or "record");
        var chunks = new List<List<(YamlNode Key, YamlNode Value)>> { new() };
        if (names > 1)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in mapping.Entries)
            {
                if (YamlMapping.KeyText(entry.Key) is { } key && !seen.Add(key))
                {
                    chunks.Add([]);
                    seen.Clear();
                    seen.Add(key);
                }

                chunks[^1].Add(entry);
            }

            _block.Warnings.Add($"{chunks.Count} rules written one after another without '- ' list markers; read them as separate rules");
        }
        else
        {
            chunks[0].AddRange(mapping.Entries);
        }

        _block.Notes.Add(chunks.Count == 1 ? "a single rule" : "single rules");
        foreach (var chunk in chunks)
        {
            var group = DefaultGroup(Line(chunk[0].Key));
            ReadRule(chunk, chunk[0].Key, group);
        }
    }

    private GroupBeingRead DefaultGroup(int line)
    {
        if (_defaultGroup is null)
        {
            var item = Add(new ReportItem(ReportKind.Group, options.DefaultGroupName, line, null));
            item.Notes.Add("rules written without a group go into this group");
            _defaultGroup = new GroupBeingRead(item) { Name = options.DefaultGroupName };
            _groups.Add(_defaultGroup);
        }

        return _defaultGroup;
    }

    private ReportItem Add(ReportItem item)
    {
        _items.Add(item);
        return item;
    }

    private int Line(YamlNode node) => node.Line + _source.LineOffset;

    private int Column(YamlNode node) => node.Column + _source.ColumnOffset;

    private static string? Text(YamlNode? node) => node is YamlScalar { IsNull: false } scalar ? scalar.Value : null;
}
