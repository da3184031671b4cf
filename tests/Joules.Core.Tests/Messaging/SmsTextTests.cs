using Joules.Core.Messaging.Sms;
using Shouldly;

namespace Joules.Core.Tests.Messaging;

public sealed class SmsTextTests
{
    [Fact]
    public void Empty_text_needs_no_part()
    {
        var m = SmsText.Measure("");
        m.ShouldBe(new SmsMeasure("GSM-7", 0, 0, 160));
        SmsText.Measure(null).Segments.ShouldBe(0);
    }

    [Fact]
    public void Gsm_text_of_160_characters_fits_one_part()
    {
        var m = SmsText.Measure(new string('a', 160));
        m.ShouldBe(new SmsMeasure("GSM-7", 160, 1, 0));
    }

    [Fact]
    public void Gsm_text_of_161_characters_needs_two_parts_of_153()
    {
        var m = SmsText.Measure(new string('a', 161));
        m.ShouldBe(new SmsMeasure("GSM-7", 161, 2, 153 * 2 - 161));
    }

    [Theory]
    [InlineData(306, 2, 0)]
    [InlineData(307, 3, 152)]
    [InlineData(459, 3, 0)]
    public void Concatenated_gsm_parts_hold_153_characters(int length, int segments, int remaining)
    {
        var m = SmsText.Measure(new string('x', length));
        m.Segments.ShouldBe(segments);
        m.RemainingInSegment.ShouldBe(remaining);
    }

    [Fact]
    public void German_umlauts_and_sharp_s_stay_gsm()
    {
        var m = SmsText.Measure("Grüße aus Köln: Ihr Zähler wird geprüft. ÄÖÜäöüß");
        m.Encoding.ShouldBe("GSM-7");
        m.Units.ShouldBe(48);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("~")]
    [InlineData("|")]
    [InlineData("^")]
    [InlineData("\\")]
    public void Extension_characters_count_twice(string character)
    {
        var m = SmsText.Measure("a" + character);
        m.Encoding.ShouldBe("GSM-7");
        m.Units.ShouldBe(3);
    }

    [Fact]
    public void Euro_sign_keeps_gsm_but_counts_twice()
    {
        var m = SmsText.Measure("Abschlag: 42 €");
        m.Encoding.ShouldBe("GSM-7");
        m.Units.ShouldBe(15);
        SmsText.Measure(new string('a', 159) + "€").ShouldBe(new SmsMeasure("GSM-7", 161, 2, 145));
        SmsText.Measure(new string('a', 158) + "€").ShouldBe(new SmsMeasure("GSM-7", 160, 1, 0));
    }

    [Fact]
    public void Extension_character_is_not_split_between_parts()
    {
        // 152 plain characters, then € (2 septets) would straddle the 153 boundary: it moves to part two.
        var m = SmsText.Measure(new string('a', 152) + "€" + new string('a', 10));
        m.Units.ShouldBe(164);
        m.Segments.ShouldBe(2);
        m.RemainingInSegment.ShouldBe(153 - 12);
    }

    [Fact]
    public void Emoji_switches_to_ucs2_with_70_and_67()
    {
        var m = SmsText.Measure("Danke 😀");
        m.Encoding.ShouldBe("UCS-2");
        m.Units.ShouldBe(8);
        m.Segments.ShouldBe(1);
        m.RemainingInSegment.ShouldBe(62);

        SmsText.Measure(new string('a', 68) + "😀").ShouldBe(new SmsMeasure("UCS-2", 70, 1, 0));
        SmsText.Measure(new string('a', 69) + "😀").ShouldBe(new SmsMeasure("UCS-2", 71, 2, 63));
    }

    [Fact]
    public void Surrogate_pair_is_not_split_between_ucs2_parts()
    {
        var m = SmsText.Measure(new string('a', 66) + "😀" + "a");
        m.Units.ShouldBe(69);
        m.Segments.ShouldBe(1);
        // 66 units, then a pair would straddle the 67 boundary of a concatenated part: it moves to part two.
        var split = SmsText.Measure(new string('a', 66) + "😀" + new string('a', 10));
        split.ShouldBe(new SmsMeasure("UCS-2", 78, 2, 55));
    }

    [Fact]
    public void Characters_outside_the_gsm_alphabet_switch_to_ucs2()
    {
        SmsText.Measure("Straße – Nr. 5").Encoding.ShouldBe("UCS-2"); // en dash
        SmsText.Measure("ç").Encoding.ShouldBe("UCS-2");
        SmsText.Measure("Tab\there").Encoding.ShouldBe("UCS-2");
        SmsText.Measure("Zeile\nzwei").Encoding.ShouldBe("GSM-7");
    }
}
