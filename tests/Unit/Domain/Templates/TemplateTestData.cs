using Portal.Domain.Templates;

namespace Portal.Tests.Unit.Domain.Templates;

/// <summary>Shared sample data; every expected string in these tests was checked against promtool 2.42.</summary>
internal static class TemplateTestData
{
    public static readonly Dictionary<string, string> Labels = new()
    {
        ["__name__"] = "node_load1", ["instance"] = "host-1.example.com:9100", ["job"] = "node",
    };

    public static string Render(string template, double value = 42, IReadOnlyDictionary<string, string>? labels = null)
    {
        var result = TemplateRenderer.Render(template, new TemplateData(value, labels ?? Labels));
        Assert.True(result.Success, result.Error?.Message);
        return result.Text!;
    }

    public static TemplateError RenderError(string template, double value = 42)
    {
        var result = TemplateRenderer.Render(template, new TemplateData(value, Labels));
        Assert.False(result.Success, $"expected an error, rendered \"{result.Text}\"");
        return result.Error!;
    }
}
