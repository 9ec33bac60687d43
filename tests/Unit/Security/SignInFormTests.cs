using System.Text;
using Portal.Security;

namespace Portal.Tests.Unit.Security;

public class SignInFormTests
{
    private static string Rewritten(string body) => Encoding.UTF8.GetString(SignInForm.WithoutNul(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void AnEncodedNul_BecomesTheReplacementCharacter()
    {
        Assert.Equal("Input.UserName=ad%EF%BF%BDmin&Input.Password=x%EF%BF%BD", Rewritten("Input.UserName=ad%00min&Input.Password=x%00"));
    }

    [Fact]
    public void ARawNulByte_BecomesTheReplacementCharacter()
    {
        Assert.Equal("a=%EF%BF%BD", Rewritten("a=\0"));
    }

    [Fact]
    public void AFormWithoutNul_IsLeftAsItIs()
    {
        var body = Encoding.UTF8.GetBytes("Input.UserName=admin%20x&Input.Password=%2500");

        Assert.Same(body, SignInForm.WithoutNul(body));
    }
}
