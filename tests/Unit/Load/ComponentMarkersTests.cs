using System.Text.Json.Nodes;
using Portal.Load;

namespace Portal.Tests.Unit.Load;

public class ComponentMarkersTests
{
    private const string Page = """
        <html><head><!--Blazor:{"type":"server","prerenderId":"a1","key":{"locationHash":"h1","formattedComponentKey":""},"sequence":0,"descriptor":"CfDJ8one"}--><title>x</title><!--Blazor:{"prerenderId":"a1"}--></head>
        <body><!--Blazor:{"type":"webassembly","prerenderId":"w","assembly":"A","typeName":"T","parameterDefinitions":"","parameterValues":""}--><!--Blazor:{"prerenderId":"w"}-->
        <!--Blazor:{"type":"server","prerenderId":"b2","key":{"locationHash":"h2","formattedComponentKey":""},"sequence":1,"descriptor":"CfDJ8two"}--><div>page</div><!--Blazor:{"prerenderId":"b2"}-->
        <!--Blazor-Server-Component-State:CfDJ8state+/=-->
        <form><input type="hidden" name="_handler" value="login" /><input name="__RequestVerificationToken" type="hidden" value="tok&#x2B;en" /><input type="text" name="Input.UserName" value="typed" /></form>
        </body></html>
        """;

    [Fact]
    public void ServerMarkers_TakesServerStartMarkersInPageOrder_SkipsEndAndWebAssemblyMarkers()
    {
        var markers = ComponentMarkers.ServerMarkers(Page);

        Assert.Equal(["CfDJ8one", "CfDJ8two"], markers.Select(m => (string?)m["descriptor"]));
        Assert.Equal("h2", (string?)markers[1]["key"]!["locationHash"]);
    }

    [Fact]
    public void ServerState_ReadsThePersistedStateComment_OrEmptyWithout()
    {
        Assert.Equal("CfDJ8state+/=", ComponentMarkers.ServerState(Page));
        Assert.Equal("", ComponentMarkers.ServerState("<html></html>"));
    }

    [Fact]
    public void HiddenFields_DecodesValues_IgnoresVisibleInputs()
    {
        var fields = ComponentMarkers.HiddenFields(Page);

        Assert.Equal("login", fields["_handler"]);
        Assert.Equal("tok+en", fields["__RequestVerificationToken"]);
        Assert.False(fields.ContainsKey("Input.UserName"));
    }

    [Fact]
    public void AddOperations_NumbersComponentsFromOne_AndKeepsEachMarker()
    {
        var json = JsonNode.Parse(ComponentMarkers.AddOperations(ComponentMarkers.ServerMarkers(Page)))!;

        Assert.Equal(1, (int)json["batchId"]!);
        var operations = json["operations"]!.AsArray();
        Assert.Equal(2, operations.Count);
        Assert.Equal("add", (string?)operations[0]!["type"]);
        Assert.Equal(2, (int)operations[1]!["ssrComponentId"]!);
        Assert.Equal("CfDJ8two", (string?)operations[1]!["marker"]!["descriptor"]);
        Assert.Equal(1, (int)operations[1]!["marker"]!["sequence"]!);
    }
}
