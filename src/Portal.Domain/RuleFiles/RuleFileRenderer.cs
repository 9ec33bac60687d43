using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Portal.Domain.RuleFiles;

/// <summary>
/// Who a PrometheusRule manifest belongs to. Name and namespace follow Kubernetes' DNS naming rules,
/// checked here so a manifest the API server would refuse is never produced.
/// </summary>
public sealed partial record ManifestMetadata
{
    private readonly string _name = "";
    private readonly string? _namespace;

    public ManifestMetadata(string name, string? @namespace = null, LabelMap? labels = null)
    {
        Name = name;
        Namespace = @namespace;
        Labels = labels ?? LabelMap.Empty;
    }

    /// <summary>A DNS subdomain: lower-case letters, digits, '-' and '.', at most 253 characters.</summary>
    public string Name
    {
        get => _name;
        init => _name = value is { Length: > 0 and <= 253 } && DnsSubdomain().IsMatch(value)
            ? value
            : throw new ArgumentException($"\"{value}\" is not a valid Kubernetes object name (lower-case letters, digits, '-' and '.').", nameof(Name));
    }

    /// <summary>A DNS label of at most 63 characters, or null for the namespace kubectl is pointed at.</summary>
    public string? Namespace
    {
        get => _namespace;
        init => _namespace = value is null || (value.Length <= 63 && DnsLabel().IsMatch(value))
            ? value
            : throw new ArgumentException($"\"{value}\" is not a valid Kubernetes namespace (lower-case letters, digits and '-').", nameof(Namespace));
    }

    /// <summary>Often what the operator's ruleSelector matches on, e.g. <c>release: prometheus</c>.</summary>
    public LabelMap Labels { get; init; }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}

/// <summary>
/// Writes rule files Prometheus loads, byte for byte the same for the same model: groups in the
/// model's order; keys in Prometheus' documented order (name, interval, limit, rules; record or
/// alert, expr, for, keep_firing_for, labels, annotations); labels and annotations sorted by name.
/// Parsing the output gives back an equal model.
/// </summary>
public static class RuleFileRenderer
{
    public static string Render(RuleFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var output = new StringBuilder();
        AppendGroups(output, file, indent: 0);
        return output.ToString();
    }

    /// <summary>The same groups wrapped in a prometheus-operator <c>PrometheusRule</c> (monitoring.coreos.com/v1).</summary>
    public static string RenderPrometheusRule(RuleFile file, ManifestMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(metadata);
        var output = new StringBuilder()
            .Append("apiVersion: monitoring.coreos.com/v1\n")
            .Append("kind: PrometheusRule\n")
            .Append("metadata:\n")
            .Append("  name: ").Append(YamlScalars.Inline(metadata.Name)).Append('\n');
        if (metadata.Namespace is not null)
        {
            output.Append("  namespace: ").Append(YamlScalars.Inline(metadata.Namespace)).Append('\n');
        }

        AppendMap(output, "labels", metadata.Labels, indent: 2);
        output.Append("spec:\n");
        AppendGroups(output, file, indent: 2);
        return output.ToString();
    }

    private static void AppendGroups(StringBuilder output, RuleFile file, int indent)
    {
        output.Append(' ', indent).Append("groups:");
        if (file.Groups.IsEmpty)
        {
            output.Append(" []\n");
            return;
        }

        output.Append('\n');
        var item = indent + 4;
        foreach (var group in file.Groups)
        {
            output.Append(' ', indent + 2).Append("- name: ");
            YamlScalars.AppendValue(output, group.Name, item + 2);
            if (group.Interval is { } interval)
            {
                output.Append(' ', item).Append("interval: ").Append(interval.ToString()).Append('\n');
            }

            if (group.Limit is { } limit)
            {
                output.Append(' ', item).Append("limit: ").Append(limit.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            output.Append(' ', item).Append("rules:");
            if (group.Rules.IsEmpty)
            {
                output.Append(" []\n");
                continue;
            }

            output.Append('\n');
            foreach (var rule in group.Rules)
            {
                AppendRule(output, rule, item + 2);
            }
        }
    }

    private static void AppendRule(StringBuilder output, Rule rule, int indent)
    {
        var field = indent + 2;
        output.Append(' ', indent).Append("- ");
        switch (rule)
        {
            case RecordingRule recording:
                output.Append("record: ");
                YamlScalars.AppendValue(output, recording.Record, field + 2);
                break;
            case AlertingRule alerting:
                output.Append("alert: ");
                YamlScalars.AppendValue(output, alerting.Alert, field + 2);
                break;
        }

        output.Append(' ', field).Append("expr: ");
        YamlScalars.AppendValue(output, rule.Expr, field + 2);
        if (rule is AlertingRule alert)
        {
            if (alert.For is { } @for)
            {
                output.Append(' ', field).Append("for: ").Append(@for.ToString()).Append('\n');
            }

            if (alert.KeepFiringFor is { } keepFiringFor)
            {
                output.Append(' ', field).Append("keep_firing_for: ").Append(keepFiringFor.ToString()).Append('\n');
            }
        }

        AppendMap(output, "labels", rule.Labels, field);
        if (rule is AlertingRule withAnnotations)
        {
            AppendMap(output, "annotations", withAnnotations.Annotations, field);
        }
    }

    /// <summary>Empty maps are left out: Prometheus treats a missing map and an empty one the same.</summary>
    private static void AppendMap(StringBuilder output, string name, LabelMap map, int indent)
    {
        if (map.Count == 0)
        {
            return;
        }

        output.Append(' ', indent).Append(name).Append(":\n");
        var entry = indent + 2;
        foreach (var (key, value) in map)
        {
            output.Append(' ', entry).Append(YamlScalars.Key(key, entry)).Append(": ");
            YamlScalars.AppendValue(output, value, entry + 2);
        }
    }
}
