using System.Text.Json;
using Portal.Api.V1;

namespace Portal.Tests.Unit.Api;

public class ApiBodyTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static string ReasonFor<T>(string json)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<T>(json, Web));
        return ApiBody.Reason(e);
    }

    [Fact]
    public void AValueOfTheWrongKind_IsNamedByItsField_NotByTheTypeBeingFilled()
    {
        var reason = ReasonFor<TimelineRequest>("""{"kind":"acknowledged","text":"on it","at":"yesterday-ish"}""");

        Assert.Contains("\"at\"", reason);
        Assert.Contains("ISO 8601", reason);
        Assert.DoesNotContain("TimelineRequest", reason);
    }

    [Fact]
    public void ANumberWhereTextBelongs_IsNamedByItsField_WithoutTheHintAboutTimes()
    {
        var reason = ReasonFor<TimelineRequest>("""{"kind":5,"text":"on it"}""");

        Assert.Contains("\"kind\"", reason);
        Assert.DoesNotContain("ISO 8601", reason);
        Assert.DoesNotContain("Portal.", reason);
    }
}
