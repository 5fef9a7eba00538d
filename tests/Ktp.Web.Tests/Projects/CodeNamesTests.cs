using Ktp.Domain.Common;
using Ktp.Infrastructure.Projects;

namespace Ktp.Web.Tests.Projects;

public sealed class CodeNamesTests
{
    [Theory]
    [InlineData("Дней без связи", "dney_bez_svyazi")]
    [InlineData("Номер заказа", "nomer_zakaza")]
    [InlineData("Щедрый подъезд, ёлка и Юля", "shchedryy_podezd_elka_i_yulya")]
    [InlineData("  VIP-клиенты  ", "vip_klienty")]
    [InlineData("Сумма, ₽ (с НДС)", "summa_s_nds")]
    [InlineData("2-я линия", "item_2_ya_liniya")]
    [InlineData("!!!", "item")]
    [InlineData("", "item")]
    public void A_name_becomes_a_lower_snake_case_latin_code(string name, string code)
    {
        CodeNames.From(name).ShouldBe(code);
        ProjectDocumentChecks.IsCode(CodeNames.From(name)).ShouldBeTrue();
    }

    [Fact]
    public void A_code_is_unique_in_its_list() =>
        CodeNames.From("Номер чека", ["nomer_cheka", "nomer_cheka_2", "other"]).ShouldBe("nomer_cheka_3");

    [Fact]
    public void A_long_name_gives_a_code_of_at_most_64_characters_even_when_numbered()
    {
        var name = string.Concat(Enumerable.Repeat("Очень длинное название ", 10));
        var first = CodeNames.From(name);
        first.Length.ShouldBeLessThanOrEqualTo(64);
        var second = CodeNames.From(name, [first]);
        second.Length.ShouldBeLessThanOrEqualTo(64);
        second.ShouldEndWith("_2");
        ProjectDocumentChecks.IsCode(second).ShouldBeTrue();
    }
}
