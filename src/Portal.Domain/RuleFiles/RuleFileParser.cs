using System.Text;

namespace Portal.Domain.RuleFiles;

/// <summary>
/// Imports rules from what people actually have: Prometheus rule files (one or several YAML
/// documents), bare lists of rules, single rules, PrometheusRule manifests, maps of named queries,
/// and Markdown documents with any of these in ```yaml blocks. Never throws on bad input: YAML
/// errors, refused limits and invalid rules all come back as report lines.
/// </summary>
public static class RuleFileParser
{
    public static ImportResult Parse(string text, ParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= ParseOptions.Default;

        // UTF-8 never takes fewer bytes than UTF-16 code units, so long text is refused before counting.
        if (text.Length > ParseLimits.MaxBytes || Encoding.UTF8.GetByteCount(text) > ParseLimits.MaxBytes)
        {
            return ImportResult.Refuse($"refused: the input is larger than {ParseLimits.MaxBytes / (1024 * 1024)} MB");
        }

        var format = options.Format == InputFormat.Auto
            ? MarkdownBlocks.HasFences(text) ? InputFormat.Markdown : InputFormat.Yaml
            : options.Format;
        var reader = new RuleReader(options);
        var budget = new YamlBudget();
        if (format == InputFormat.Yaml)
        {
            var read = YamlTree.Read(text, budget);
            if (read.Refusal is not null)
            {
                return ImportResult.Refuse(read.Refusal);
            }

            reader.Read(read, new YamlSource("document", 0, 0, null), text);
            return reader.Finish();
        }

        var blocks = MarkdownBlocks.YamlBlocks(text);
        if (blocks.Count > ParseLimits.MaxDocuments)
        {
            return ImportResult.Refuse($"refused: {blocks.Count} ```yaml blocks, more than the limit of {ParseLimits.MaxDocuments} YAML documents");
        }

        if (blocks.Count == 0)
        {
            reader.NoteEmpty("a Markdown document without ```yaml blocks; nothing to import");
        }

        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            var read = YamlTree.Read(block.Content, budget);
            if (read.Refusal is not null)
            {
                return ImportResult.Refuse($"{read.Refusal} in the ```yaml block at line {block.FenceLine}");
            }

            reader.Read(read, new YamlSource($"block {i + 1}", block.FenceLine, block.Indent, block.FenceLine), block.Content);
        }

        return reader.Finish();
    }
}
