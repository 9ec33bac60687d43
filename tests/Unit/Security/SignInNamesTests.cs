using Portal.Security;

namespace Portal.Tests.Unit.Security;

public class SignInNamesTests
{
    [Theory]
    [InlineData("admin")]
    [InlineData("anna.müller")]
    [InlineData("😀-user")]
    public void AnOrdinaryName_CouldExist(string name)
    {
        Assert.True(SignInNames.CouldExist(name));
    }

    [Theory]
    [InlineData("ad\0min")]
    [InlineData("tab\tname")]
    [InlineData("")]
    public void ANameNoAccountCouldHave_IsRecognisedWithoutTheDatabase(string name)
    {
        Assert.False(SignInNames.CouldExist(name));
    }

    [Fact]
    public void ANameWithHalfASurrogatePair_CouldNotExist()
    {
        // Built here, not in InlineData: the test runner would turn the lone half into U+FFFD on the way.
        Assert.False(SignInNames.CouldExist("half" + '\uD83D' + "surrogate"));
    }

    [Fact]
    public void ANameLongerThanTheUserNameColumn_CouldNotExist()
    {
        Assert.True(SignInNames.CouldExist(new string('a', 256)));
        Assert.False(SignInNames.CouldExist(new string('a', 257)));
    }

    [Fact]
    public void AShortName_IsTheAuditActorAsTyped()
    {
        Assert.Equal("alice", SignInNames.AuditActor("alice"));
        Assert.Equal("(empty)", SignInNames.AuditActor("  "));
    }

    [Theory]
    [InlineData(201)]
    [InlineData(100_000)]
    public void ALongName_IsCutToTheActorColumn_WithAMarkerSayingHowLongItWas(int length)
    {
        var actor = SignInNames.AuditActor(new string('x', length));

        Assert.Equal(SignInNames.AuditActorLength, actor.Length);
        Assert.EndsWith($"… ({length} characters)", actor);
        Assert.StartsWith("xxxx", actor);
    }

    [Fact]
    public void NulAndControlCharacters_BecomeReplacementCharacters_InTheActor()
    {
        Assert.Equal("ad\uFFFDmin\uFFFD", SignInNames.AuditActor("ad\0min\u0007"));
    }

    [Fact]
    public void ACut_NeverSplitsASurrogatePair()
    {
        var actor = SignInNames.AuditActor(string.Concat(Enumerable.Repeat("😀", 150)));

        Assert.DoesNotContain('\uFFFD', actor);
        Assert.False(char.IsHighSurrogate(actor[actor.IndexOf('…') - 1]));
    }
}
