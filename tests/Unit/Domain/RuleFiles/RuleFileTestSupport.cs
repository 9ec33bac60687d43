using Portal.Domain.RuleFiles;

namespace Portal.Tests.Unit.Domain.RuleFiles;

internal static class RuleFileTestSupport
{
    public static ImportResult Parse(string text, string defaultGroup = "imported", bool strict = false, InputFormat format = InputFormat.Auto) =>
        RuleFileParser.Parse(text, new ParseOptions { DefaultGroupName = defaultGroup, Strict = strict, Format = format });

    public static ReportLine Line(this ImportResult result, string name) =>
        Assert.Single(result.Report, l => l.Name == name && l.Kind != ReportKind.Block);

    public static ReportLine Block(this ImportResult result, int index = 0) =>
        result.Report.Where(l => l.Kind == ReportKind.Block).ElementAt(index);

    public static AlertingRule Alert(this ImportResult result, string name) =>
        Assert.Single(result.File.AllRules.OfType<AlertingRule>(), r => r.Alert == name);

    public static RecordingRule Record(this ImportResult result, string name) =>
        Assert.Single(result.File.AllRules.OfType<RecordingRule>(), r => r.Record == name);

    /// <summary>The directory that holds Portal.sln, for data files the tests keep in the repository.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
