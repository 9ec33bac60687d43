namespace Portal.Tests.Integration.Templates;

/// <summary>One alert template rendered for one sample: value as Prometheus' series notation writes it.</summary>
public sealed record DifferentialCase(string Template, string Value, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// The cases compared with promtool: every value-formatting template over values from tiny to huge,
/// negative, zero, NaN and ±Inf; then label handling, control flow, functions and execution errors.
/// </summary>
public static class TemplateDifferentialCases
{
    private static readonly Dictionary<string, string> Node = new()
    {
        ["instance"] = "host-1.example.com:9100", ["job"] = "node",
    };

    private static readonly Dictionary<string, string> Api = new()
    {
        ["instance"] = "[::1]:9090", ["job"] = "api server", ["severity"] = "critical", ["path"] = "/var/lib/data",
    };

    private static readonly Dictionary<string, string> Unicode = new()
    {
        ["team"] = "données-équipe", ["env"] = "prod", ["quote"] = "say \"hi\"\tnow",
    };

    private static readonly string[] Values =
    [
        "0", "1", "-1", "0.5", "0.1", "0.001234", "1e-7", "42", "999.95", "1000", "1023.99", "1024", "123456",
        "1234567.5", "1e21", "-2.5e9", "86399.999", "90061.5", "1700000000.123", "3.3333333333333335",
        "NaN", "Inf", "-Inf", "5e-324", "1.7976931348623157e308",
    ];

    private static readonly string[] ValueTemplates =
    [
        "{{ $value }}",
        "{{ humanize $value }}",
        "{{ humanize1024 $value }}",
        "{{ humanizeDuration $value }}",
        "{{ humanizePercentage $value }}",
        "{{ humanizeTimestamp $value }}",
        "{{ printf \"%.2f|%g|%e|%.3g|%8.2f|%-10.4e|%+.1f|%x|%5.2f%%\" $value $value $value $value $value $value $value $value $value }}",
    ];

    private static readonly string[] LabelTemplates =
    [
        "{{ $labels.job }} on {{ $labels.instance }}{{ $labels.missing }}",
        "{{ range $k, $v := $labels }}{{ $k }}={{ $v }};{{ end }}",
        "{{ .Labels }} {{ $labels | len }} {{ index $labels \"job\" }}",
        "{{ title $labels.job }} {{ toUpper $labels.job }} {{ toLower \"ÉTÉ Mixed\" }}",
        "{{ stripPort $labels.instance }} {{ stripDomain $labels.instance }}",
        "{{ reReplaceAll \"^([^:.]+)[^:]*(:\\\\d+)?$\" \"$1${2}x\" $labels.instance }}",
        "{{ printf \"%q %v %s\" $labels.job $labels.job (printf \"%-12s|\" $labels.job) }}",
        "{{ with $labels.severity }}severity {{ . }}{{ else }}no severity{{ end }}",
        "{{ graphLink (printf \"up{job=%q}\" $labels.job) }} {{ tableLink \"rate(x[5m]) > 0.5\" }}",
        "{{ if match \"^node\" $labels.job }}node job{{ else }}other job{{ end }}",
    ];

    private static readonly string[] Standalone =
    [
        "{{ if gt $value 80.0 }}high{{ else if gt $value 50.0 }}elevated{{ else }}normal{{ end }} ({{ $value }})",
        "{{ range $labels }}[{{ . }}]{{ end }}{{ range $externalLabels }}x{{ else }} no external labels{{ end }}",
        "{{ range $i, $v := $labels }}{{ if eq $i \"job\" }}{{ continue }}{{ end }}{{ if eq $i \"severity\" }}{{ break }}{{ end }}{{ $i }},{{ end }}",
        "a  {{- \" b \" -}}  c {{/* a comment */}}d\n  {{- 1 }}\n{{ 2 -}}\n  e",
        "line one\n  {{ $value\n    | humanize }} units\n{{ $labels.job }}",
        "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ $y }}{{ end }}{{ $x }}",
        "{{ define \"host\" }}<{{ . }}>{{ end }}{{ template \"host\" $labels.instance }}{{ block \"v\" $value }}={{ . }}{{ end }}",
        "{{ len \"héllo\" }} {{ len $externalLabels }} {{ index \"abc\" 1 }} {{ slice \"abcdef\" 1 4 }}",
        "{{ not true }} {{ and 1 0 }} {{ and 1 \"x\" }} {{ or 0 \"\" \"z\" }} {{ or nil false }} {{ not $labels }}",
        "{{ eq 1 2 3 1 }} {{ ne \"a\" \"b\" }} {{ lt 1.5 2.5 }} {{ le \"a\" \"b\" }} {{ ge 2 2 }} {{ gt (len $labels) 1 }}",
        "{{ print 1 2 \"a\" 3 nil true }}|{{ println \"a\" 1 2 }}|{{ print }}",
        "{{ printf \"%d %s %t %v %q %c %U %o %b %x %X %#x %05d %+d %-4d|\" 42 \"s\" true 1.5 \"q\" 65 9731 8 5 255 255 255 42 42 7 }}",
        "{{ printf \"%d\" $value }} {{ printf \"%s\" 1.5 }} {{ printf \"%d %d\" 1 }} {{ printf \"%d\" 1 2 }} {{ printf \"%!\" }} {{ printf \"%z\" 3 }}",
        "{{ printf \"%[2]d %[1]d %*d %.*f %6.2v|%-6v|\" 1 2 5 3 2 3.14159 true \"x\" }}",
        "{{ printf \"%5.3s|%.10s|%x|% X|%#q|%+q\" \"abcdef\" \"ab\" \"é\" \"hi\" \"plain\" \"héllo\" }}",
        "{{ printf \"%v %T\" (toTime 1.5) (toTime 1.5) }} {{ toTime \"1700000000.25\" }}",
        "{{ humanize \"1e6\" }} {{ humanize 12345 }} {{ humanize1024 \"1048576\" }} {{ humanizeDuration \"3725\" }} {{ humanizePercentage \"0.5\" }}",
        "{{ humanizeTimestamp 0 }} {{ humanizeTimestamp -1.5 }} {{ humanizeTimestamp \"1e10\" }}",
        "{{ parseDuration \"1h30m\" }} {{ parseDuration \"1y2w3d4h5m6s7ms\" }} {{ parseDuration \"0\" }}",
        "{{ args 1 \"b\" nil 2.5 true }} {{ (args 1 \"x\").arg1 }} {{ (args 1).arg9 }}",
        "{{ safeHtml \"<b>bold</b>\" }} {{ printf \"%T\" (safeHtml \"x\") }} {{ html \"<a href='x'>&</a>\" }} {{ urlquery \"a b&c\" }}",
        "{{ reReplaceAll \"a*\" \"-\" \"baaac\" }}|{{ reReplaceAll \"(?P<host>[^:]+):(?P<port>\\\\d+)\" \"${port}@$host\" \"a:1 b:22\" }}|{{ reReplaceAll \"(a)(b)?\" \"[$1|$2|$3|$1x|${1}x|$$]\" \"ab a\" }}",
        "{{ reReplaceAll \"\\\\s+\" \"_\" \"a  b\\tc\" }} {{ reReplaceAll \"$\" \"!\" \"line\\n\" }} {{ match \"(?i)ABC\" \"xabcx\" }} {{ match \"\\\\d+\" \"abc\" }}",
        "{{ .Value }} {{ .ExternalURL }}|{{ .ExternalLabels }} {{ $ | printf \"%T\" }}",
        "{{ 1.0 }} {{ 1e3 }} {{ 0x10 }} {{ 'a' }} {{ -0 }} {{ 1_000 }} {{ 0x1p-2 }} {{ 017 }} {{ \"\\u00e9\\x41\\t\" }} {{ `raw\\n` }}",
        "{{ $value := 7.5 }}{{ $value }} but .Value is {{ .Value }}",
        // Execution errors: Prometheus writes Go's error into the annotation.
        "{{ if gt $value 80 }}high{{ end }}",
        "{{ humanize \"abc\" }}",
        "before {{ toUpper $value }} after",
        "{{ reReplaceAll \"(\" \"x\" \"y\" }}",
        "x\n  {{ .Nope }}",
        "{{ eq $labels $labels }}",
        "{{ index $labels 1 }}",
        "{{ template \"missing\" }}",
        "{{ range $value }}{{ . }}{{ end }}",
        "{{ humanize }}",
        "{{ $labels.job.sub }}",
        "{{ toTime \"NaN\" }}",
        "{{ \"a\" \"b\" }}",
        "{{ .Labels.job .Value }}",
        "{{ printf \"%s\" (len) }}",
        "{{ humanizeTimestamp 1e300 }}",
        "{{ parseDuration \"5 minutes\" }}",
        "{{ call 1 }}",
        "{{ $ }} {{ printf \"%+v\" . }}",
        "{{ js \"it's <b> & \\\"q\\\"\" }} {{ printf \"%v\" (args) }} {{ len (args 1 2) }}",
        "{{ printf \"%.3s|%x|%X|%q\" (safeHtml \"abcdef\") \"\" \"\\u00ff\" \"\\u00a0\\u200b\\x7f\" }}",
        "{{ humanize1024 \"x\" }}",
    ];

    public static IReadOnlyList<DifferentialCase> All()
    {
        var cases = new List<DifferentialCase>();
        foreach (var template in ValueTemplates)
        {
            cases.AddRange(Values.Select(value => new DifferentialCase(template, value, Node)));
        }
        foreach (var template in LabelTemplates)
        {
            cases.AddRange(new[] { Node, Api, Unicode }.Select(labels => new DifferentialCase(template, "42", labels)));
        }
        var standaloneValues = new[] { "93.5", "61", "0.25" };
        cases.AddRange(Standalone.Select((template, i) => new DifferentialCase(template, standaloneValues[i % 3], i % 2 == 0 ? Api : Node)));
        return cases;
    }
}
