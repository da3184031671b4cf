using Joules.Plugins.Newsletter.Tracking;

namespace Joules.Plugins.Newsletter.Tests.Tracking;

public class TokenSignerTests
{
    [Fact]
    public async Task Token_round_trips_and_reveals_no_ids()
    {
        await using var store = await NewsletterTestDatabase.CreateAsync();
        var signer = await store.SignerAsync();
        var original = new TrackingToken(TokenPurpose.Click, 123_456_789, 98_765_432_101, 1, 17);

        var text = signer.Create(original);

        text.Length.ShouldBe(35);
        text.ShouldNotContain("123456789");
        signer.TryRead(text, out var read).ShouldBeTrue();
        read.ShouldBe(original);
    }

    [Fact]
    public async Task Altered_or_forged_tokens_are_refused()
    {
        await using var store = await NewsletterTestDatabase.CreateAsync();
        var signer = await store.SignerAsync();
        var text = signer.Create(new TrackingToken(TokenPurpose.Click, 5, 7, 0, 2));

        for (var i = 0; i < text.Length; i++)
        {
            var chars = text.ToCharArray();
            chars[i] = chars[i] == 'A' ? 'B' : 'A';
            signer.TryRead(new string(chars), out _).ShouldBeFalse($"changed at {i}");
        }
        signer.TryRead(text.AsSpan(0, text.Length - 1), out _).ShouldBeFalse();
        signer.TryRead("", out _).ShouldBeFalse();

        // Another installation's key makes valid-looking tokens that this one refuses.
        await using var other = await NewsletterTestDatabase.CreateAsync();
        var foreign = (await other.SignerAsync()).Create(new TrackingToken(TokenPurpose.Click, 5, 7, 0, 2));
        signer.TryRead(foreign, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Key_is_kept_across_restarts()
    {
        await using var store = await NewsletterTestDatabase.CreateAsync();
        var text = (await store.SignerAsync()).Create(new TrackingToken(TokenPurpose.Open, 1, 2));

        var restarted = await store.SignerAsync();

        restarted.TryRead(text, out var read).ShouldBeTrue();
        read.SubscriberId.ShouldBe(2);
    }
}
