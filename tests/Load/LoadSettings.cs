using System.Globalization;

namespace Portal.Load;

/// <summary>Where the portal is, who signs in, and the knobs of a run; from flags first, then the stack's environment.</summary>
public sealed record LoadSettings
{
    public required Uri Url { get; init; }
    public string User { get; init; } = "admin";
    public required string Password { get; init; }
    public string Page { get; init; } = "/rules";
    public string? TuningPage { get; init; }
    public int OpenParallel { get; init; } = 8;
    public TimeSpan Think { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How long closed circuits are waited for: Blazor's default retention (3 min) and a margin for its sweep.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromSeconds(210);
    public int Connections { get; init; } = 8;
    public int? Pid { get; init; }
    /// <summary>Browsers (affinity cookies) the circuits are spread over; behind nginx each browser sticks to one replica.</summary>
    public int Browsers { get; init; } = 1;

    /// <summary>Reads <c>--name value</c> flags out of <paramref name="args"/>, returning the positional arguments left.</summary>
    public static (LoadSettings Settings, List<string> Positional) Parse(IReadOnlyList<string> args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{args[i]} needs a value.");
                }

                flags[args[i][2..]] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        string? Flag(string name) => flags.GetValueOrDefault(name);
        string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

        var url = Flag("url") ?? Env("PORTAL_URL") ?? "http://127.0.0.1:5080";
        var password = Flag("password") ?? Env("PORTAL_LOAD_PASSWORD");
        var passwordFile = Flag("password-file") ?? Env("PORTAL_LOAD_PASSWORD_FILE") ?? Env("Portal__Admin__PasswordFile");
        if (password is null && passwordFile is not null && File.Exists(passwordFile))
        {
            password = File.ReadAllText(passwordFile).Trim();
        }

        var settings = new LoadSettings
        {
            Url = new Uri(url.EndsWith('/') ? url : url + "/"),
            User = Flag("user") ?? Env("PORTAL_LOAD_USER") ?? "admin",
            Password = password ?? throw new ArgumentException(
                "No password: give --password, --password-file, PORTAL_LOAD_PASSWORD or Portal__Admin__PasswordFile (the stack's admin-password)."),
            Page = Flag("page") ?? "/rules",
            TuningPage = Flag("tuning-page"),
            OpenParallel = Int(Flag("open-parallel"), 8),
            Think = TimeSpan.FromMilliseconds(Int(Flag("think-ms"), 1000)),
            Duration = TimeSpan.FromSeconds(Int(Flag("duration"), 60)),
            Retention = TimeSpan.FromSeconds(Int(Flag("retention"), 210)),
            Connections = Int(Flag("connections"), 8),
            Pid = Flag("pid") is { } pid ? Int(pid, 0) : null,
            Browsers = Math.Max(1, Int(Flag("browsers"), 1)),
        };
        return (settings, positional);
    }

    public static int Int(string? value, int fallback) =>
        value is null ? fallback
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n
        : throw new ArgumentException($"'{value}' is not a whole number ≥ 0.");
}
