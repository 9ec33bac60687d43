using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Portal.Domain.Templates;
using Xunit.Abstractions;

namespace Portal.Tests.Integration.Templates;

/// <summary>
/// TemplateRenderer.Check against `promtool check rules`, which parses every annotation template
/// when it loads a rule file: the same templates must be rejected, with the same message and line.
/// </summary>
public sealed partial class TemplateSyntaxDifferentialTests(ITestOutputHelper output)
{
    private static readonly string[] Templates =
    [
        "{{ foo }}", "{{ if }}", "line {{ $value", "{{ $value }", "{{ end }}", "{{ else }}", "{{ if true }}x",
        "{{ if true }}{{ else }}{{ else }}{{ end }}", "{{ $undefined }}", "{{ range $k, $v, $w := $labels }}{{ end }}",
        "{{ with $x, $y := 1 }}{{ end }}", "{{ 1 | 2 }}", "{{ (1 }}", "{{ 1) }}", "{{ \"abc }}", "{{ 'ab' }}", "{{ 08 }}",
        "{{ 99999999999999999999 }}", "{{ 1.5.6 }}", "{{ $x := }}", "{{ .a.b.c. }}", "{{ 3.Foo }}", "{{ break }}",
        "{{ range $labels }}{{ break 1 }}{{ end }}", "{{/* unclosed", "{{/* x */ y }}", "{{ % }}",
        "{{ humanize $value }}\n{{ nope }}", "a\nb\n{{ if true }}\n{{ end", "{{ define \"x\" }}{{ $labels }}{{ end }}",
        "{{ template x }}", "{{ printf \"%s\" \"a\" | }}", "{{ | printf }}", "{{ @ }}", "{{ with 1 }}{{ else if 2 }}{{ end }}",
        "{{ range 1 }}{{ else }}{{ break }}{{ end }}", "{{ $labels.job := 1 }}", "{{ \"\\q\" }}", "{{ abcdefghijklmnop }}",
        "{{ .Labels.job | \"x\" }}", "{{ nil.x }}", "first\n\n{{ range $labels }}\n  {{ .x.y }}\n{{ end }}\n{{ humanise $value }}",
        "{{ if gt $value 1.0 }}\n  ok\n{{ else if }}\n{{ end }}", "{{$x=1}}{{$x}}", "{{-$value}}", "{{ $value-}}",
        "{{ /* x */ }}", "{{ range $i, := $labels }}{{ end }}", "{{ if 1 }}{{ else }}{{ end }}{{ end }}", "{{ with }}{{ end }}",
        "{{ template \"x\" }}{{ define \"x\" }}a{{ end }}{{ define \"x\" }}b{{ end }}",
        // Valid templates: neither may report anything.
        "{{ $value | humanize }} {{ range $k, $v := $labels }}{{ $k }}{{ end }}", "{{ query \"up\" | first | value }}",
        "{{ 1+2i }}", "{{- /* c */ -}} {{ 0x1p-2 }} {{ 0b101 }} {{ 0o17 }} {{ 1_0 }} {{ '\\n' }}",
        "{{ define \"t\" }}{{ . }}{{ end }}{{ template \"t\" $value }}{{ block \"b\" 1 }}{{ . }}{{ end }}",
        "{{ $x := 1 }}{{ $x = 2 }}{{ range $labels }}{{ continue }}{{ end }}",
        "{{$x:=1}}{{$x}}{{.Labels.job}}{{ $labels.job}}{{$value|humanize}}{{- $value -}}{{ $value -}}x{{ 1 }}{{/*x*/}}{{ 2 }}",
        "{{ \"a\" \"b\" }}{{ .Labels.job .Value }}{{ printf \"%s\" (len) }}{{ $ }}{{ range $i := $labels }}{{ $i }}{{ end }}",
    ];

    [Fact]
    public async Task Check_EveryTemplate_RejectsWhatPromtoolRejects()
    {
        var directory = Directory.CreateTempSubdirectory("portal-template-syntax-").FullName;
        var rules = new StringBuilder("groups:\n- name: templates\n  rules:\n");
        for (var i = 0; i < Templates.Length; i++)
        {
            rules.Append($"  - alert: {AlertName(i)}\n    expr: up\n    annotations:\n      text: {Yaml(Templates[i])}\n");
        }
        await File.WriteAllTextAsync(Path.Combine(directory, "rules.yml"), rules.ToString());

        var promtool = await RunAsync(directory);

        var reported = ReportRegex().Matches(promtool).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.TrimEnd());
        var agree = 0;
        for (var i = 0; i < Templates.Length; i++)
        {
            var ours = TemplateRenderer.Check(Templates[i]) is [var error, ..]
                ? OursRegex().Match(error.PrometheusAnnotation(AlertName(i))).Groups[1].Value
                : null;
            var theirs = reported.GetValueOrDefault(AlertName(i));
            if (ours == theirs)
            {
                agree++;
                continue;
            }
            output.WriteLine($"{AlertName(i)}: {Templates[i]}\n  ours: {ours ?? "(valid)"}\n  promtool: {theirs ?? "(valid)"}");
        }
        var summary = $"{agree}/{Templates.Length} template syntax cases agree with promtool";
        output.WriteLine(summary);
        Console.WriteLine(summary);
        Assert.True(agree == Templates.Length, summary + "\n" + promtool);
        Directory.Delete(directory, recursive: true);
    }

    private static string AlertName(int index) => $"Syntax{index + 1:D3}";

    private static string Yaml(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static async Task<string> RunAsync(string directory)
    {
        var start = new ProcessStartInfo(TestStack.Promtool, ["check", "rules", "rules.yml"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return await stdout + await stderr;
    }

    // promtool: rules.yml: group "templates", rule 3, "Syntax003": annotation "text": template: __alert_Syntax003:1: ...
    [GeneratedRegex("\"(Syntax\\d+)\": annotation \"text\": template: __alert_Syntax\\d+:(.*)")]
    private static partial Regex ReportRegex();

    // ours: <error expanding template: error parsing template __alert_X: template: __alert_X:1: ...>
    [GeneratedRegex("template: __alert_Syntax\\d+:(.*)>$", RegexOptions.Singleline)]
    private static partial Regex OursRegex();
}
