using System.Diagnostics;

namespace Portal.Tests.Unit.Components;

/// <summary>
/// The chart bridge keeps series names text: apexcharts writes tooltip titles and legend entries as HTML,
/// and series names are label values anyone's target can set. Runs the bundle's own module under node.
/// </summary>
public class ChartTextTests
{
    private const string Hostile = "<a href=x>link</a><b>bold</b>";

    private static string Module([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "Portal", "ClientApp", "src", "text.js"));

    private static async Task<string[]> RunAsync(string script)
    {
        var start = new ProcessStartInfo("node", ["--input-type=module"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync($"import * as text from {System.Text.Json.JsonSerializer.Serialize(new Uri(Module()).AbsoluteUri)};\n{script}");
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task TooltipTitleAndLegend_ShowAHostileSeriesNameAsItsLiteralMarkup()
    {
        var lines = await RunAsync($$"""
            const options = text.withTextNames({ tooltip: { y: { formatter: 'kept' } }, legend: { position: 'top' } });
            const name = {{System.Text.Json.JsonSerializer.Serialize(Hostile)}};
            console.log(options.tooltip.y.title.formatter(name));
            console.log(options.legend.formatter(name));
            console.log(options.tooltip.y.formatter + ' ' + options.legend.position);
            """);

        Assert.Equal("&lt;a href=x&gt;link&lt;/a&gt;&lt;b&gt;bold&lt;/b&gt;", lines[0]);
        Assert.Equal(lines[0], lines[1]);
        Assert.Equal("kept top", lines[2]);
    }

    [Fact]
    public async Task PerSeriesTooltips_EachGetTheEscapingTitle()
    {
        var lines = await RunAsync("""
            const options = text.withTextNames({ tooltip: { y: [{}, {}] } });
            for (const y of options.tooltip.y) console.log(y.title.formatter('a & "b" \'c\''));
            """);

        Assert.Equal(["a &amp; &quot;b&quot; &#39;c&#39;", "a &amp; &quot;b&quot; &#39;c&#39;"], lines);
    }
}
