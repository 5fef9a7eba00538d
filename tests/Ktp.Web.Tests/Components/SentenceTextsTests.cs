using System.Globalization;
using Ktp.Domain.Common;
using Ktp.Domain.Inquiries;
using Ktp.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Ktp.Web.Tests.Components;

/// <summary>A module's message with values written in is shown in the user's language, its values kept (and translated where they are texts).</summary>
public sealed class SentenceTextsTests : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();

    private ModuleTexts Texts(string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        return new ModuleTexts(_services.GetRequiredService<IStringLocalizerFactory>());
    }

    [Fact]
    public void A_sentence_with_values_is_said_in_Russian_with_its_values()
    {
        var l = Texts("ru");
        l["'Продажи' is not a queue of process 'first_line'."].Value.ShouldBe("«Продажи» — не очередь процесса «first_line».");
        l["The file is larger than the limit of 10485760 bytes."].Value.ShouldBe("Файл больше допустимых 10485760 байт.");
    }

    [Fact]
    public void A_value_that_is_a_text_or_a_sentence_itself_is_translated_too()
    {
        var l = Texts("ru");
        l["Attribute 'Тариф' expects a number."].Value.ShouldBe("Атрибут «Тариф»: ожидается число.");
        l["Attribute 'vip' of topic 'Интернет', required: give the condition, or choose Yes or No."].Value
            .ShouldBe("Атрибут «vip» (тема «Интернет»), обязательность: задайте условие или выберите «Да» или «Нет».");
    }

    [Fact]
    public void A_message_thrown_by_the_domain_is_found_by_its_wording()
    {
        var error = Should.Throw<ValidationFailedException>(() => TypedId.Parse<InquiryId>("abc"));
        var message = error.Errors.Single().Value.Single();

        Texts("ru")[message].Value.ShouldBe("«abc» — неверный идентификатор (InquiryId).");
        Texts("en")[message].Value.ShouldBe(message);
    }

    [Fact]
    public void Text_that_fits_no_wording_is_shown_as_it_is()
    {
        var l = Texts("ru");
        var text = l["Иванов Иван (VIP"];
        text.Value.ShouldBe("Иванов Иван (VIP");
        text.ResourceNotFound.ShouldBeTrue();
        l["Saved"].ResourceNotFound.ShouldBeFalse("a plain text is still found by its name");
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _culture;
        _services.Dispose();
    }
}
