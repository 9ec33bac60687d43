using System.Reflection;
using System.Xml.Linq;
using Portal.Domain.Health;

namespace Portal.Tests.Unit.Architecture;

/// <summary>Domain stays pure: no database, web, cache or HTTP code may leak into it.</summary>
public class LayeringTests
{
    private static readonly string[] ForbiddenInDomain =
    [
        "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.AspNetCore", "StackExchange.Redis",
        "System.Net.Http", "Microsoft.Extensions.Http", "prometheus-net", "Prometheus", "MudBlazor",
        "Portal.Infrastructure", "Portal",
    ];

    [Fact]
    public void Domain_AssemblyReferencesNoInfrastructureOrWebAssemblies()
    {
        var references = typeof(HealthPolicy).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var offending = references.Where(r => ForbiddenInDomain.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal))).ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Domain_ProjectDeclaresNoForbiddenPackagesOrFrameworks()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Portal.Domain", "Portal.Domain.csproj"));

        var packages = project.Descendants("PackageReference").Select(e => (string?)e.Attribute("Include") ?? "");
        var frameworks = project.Descendants("FrameworkReference").Select(e => (string?)e.Attribute("Include") ?? "");
        var projects = project.Descendants("ProjectReference").Select(e => (string?)e.Attribute("Include") ?? "");

        // Markdig and HtmlSanitizer render runbooks: text to text, no I/O (issue 16).
        Assert.Equal(["YamlDotNet", "Markdig", "HtmlSanitizer"], packages.ToArray());
        Assert.Empty(frameworks);
        Assert.Empty(projects);
    }

    [Fact]
    public void Infrastructure_DoesNotReferenceTheWebProject()
    {
        var infrastructure = typeof(Portal.Infrastructure.DependencyInjection).Assembly;

        Assert.DoesNotContain(infrastructure.GetReferencedAssemblies(), a => a.Name == "Portal");
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portal.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
