namespace Portal.Infrastructure.Home;

/// <summary>One tile's data, or why it could not be had (that dependency is down); one tile failing never empties the others.</summary>
public sealed record HomeTile<T>(T? Value, string? Unavailable)
    where T : class
{
    public static HomeTile<T> Of(T value) => new(value, null);

    public static HomeTile<T> Failed(string why) => new(null, why);
}
