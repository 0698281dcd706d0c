using ComplaintFlow.Core.Triage;

namespace ComplaintFlow.Core.Tests.Triage;

public sealed class MoneyAmountsTests
{
    [Theory]
    [InlineData("扣了我2万元", 20000, "2万元")]
    [InlineData("多收了300块钱", 300, "300块")]
    [InlineData("a refund of £1,240.50 please", 1240.50, "£1,240.50")]
    [InlineData("charged $ 45 twice", 45, "$ 45")]
    [InlineData("about 500 dollars", 500, "500 dollars")]
    [InlineData("每月扣 HK$48，还有 ¥12", 48, "HK$48")]
    [InlineData("全角金额￥３００元", 300, "￥３００元")]
    public void Finds_the_largest_amount_with_its_currency(string text, double amount, string span)
    {
        var money = MoneyAmounts.Largest(text);
        Assert.NotNull(money);
        Assert.Equal((decimal)amount, money.Value.Amount);
        Assert.Equal(span, text.Substring(money.Value.Start, money.Value.Length));
    }

    [Theory]
    [InlineData("Order 55102 placed on 2024-03-15, call 13800138000")]
    [InlineData("It has been 3 weeks")]
    public void Bare_numbers_are_not_money(string text) => Assert.Null(MoneyAmounts.Largest(text));
}
