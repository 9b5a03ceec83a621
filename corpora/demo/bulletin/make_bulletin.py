"""Build the demo PDF bulletin ``metek-bulletin.pdf`` (fictional vocational project).

Usage (from the repository root)::

    .venv/bin/python corpora/demo/bulletin/make_bulletin.py

The text is laid out by a small line breaker of our own (not fpdf2's ``multi_cell``)
so that long Turkish words are hyphenated across line breaks at syllable boundaries
(``Gü-`` / ``vencesi``), as in real typeset bulletins. The creation date is fixed, so
running the script twice gives byte-identical output.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
OUT = HERE / "metek-bulletin.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CREATION = dt.datetime(2025, 6, 30, 9, 0, 0, tzinfo=dt.UTC)

VOWELS = set("aeıioöuüâîûAEIİOÖUÜÂÎÛ")
LETTERS = VOWELS | set("bcçdfgğhjklmnprsştvyzqwxBCÇDFGĞHJKLMNPRSŞTVYZQWX")

# A hyphen is only used when the line would otherwise stay emptier than this share.
HYPHEN_MIN_GAP = 0.12


def syllable_breaks(word: str) -> list[int]:
    """Possible hyphenation points in a Turkish word (indices into ``word``).

    Turkish syllables begin with at most one consonant, so a break falls before every
    consonant that is followed by a vowel (and between two adjacent vowels), provided a
    vowel precedes it. Only the alphabetic run before an apostrophe is hyphenated.
    """
    stem = word.split("'")[0].split("’")[0]
    points = []
    for i in range(1, len(stem) - 1):
        a, b = stem[i], stem[i + 1]
        if not (a in LETTERS and b in LETTERS):
            continue
        if not any(c in VOWELS for c in stem[:i]):
            continue
        if a not in VOWELS and b in VOWELS:
            points.append(i)
        elif a in VOWELS and stem[i - 1] in VOWELS:
            points.append(i)
    # keep at least two letters on each side
    return [p for p in points if p >= 2 and len(stem) - p >= 2 and stem[:p].isalpha()]


class Bulletin(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4", unit="mm")
        self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.add_font("DejaVu", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
        self.set_auto_page_break(False)
        self.set_margins(20, 20, 20)
        self.alias_nb_pages()
        self.frames: list[tuple[float, float, float, float]] = []  # x, top, width, bottom
        self.frame_y = 0.0
        self.page_layouts: list[list[tuple[float, float, float, float]]] = []
        self.hyphenated: list[str] = []

    # -- page furniture -------------------------------------------------------------
    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90, 90, 90)
        self.set_xy(20, 10)
        self.cell(170, 5, "METEK-SE Bülteni · Sayı 3 · Haziran 2025", align="L")
        self.set_draw_color(0, 90, 140)
        self.line(20, 16, 190, 16)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_draw_color(0, 90, 140)
        self.line(20, 281, 190, 281)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(90, 90, 90)
        self.set_xy(20, 283)
        self.cell(120, 5, "Mesleki ve Teknik Eğitimde Kalite ve Sektör Eşleştirme Projesi", align="L")
        self.set_xy(140, 283)
        self.cell(50, 5, f"Sayfa {self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    # -- flowing text ----------------------------------------------------------------
    def start_frames(self, frames: list[tuple[float, float, float, float]]) -> None:
        self.frames = list(frames)
        self.frame_y = self.frames[0][1]

    def _next_frame(self) -> None:
        self.frames.pop(0)
        if not self.frames:
            raise RuntimeError("text overflows the frames given for this page")
        self.frame_y = self.frames[0][1]

    def _need(self, h: float) -> None:
        if self.frame_y + h > self.frames[0][3]:
            self._next_frame()

    def _emit(self, text: str, h: float, style: str = "", size: float = 10) -> None:
        x, _, w, _ = self.frames[0]
        self._need(h)
        self.set_font("DejaVu", style, size)
        self.set_xy(x, self.frame_y)
        self.cell(w, h, text, align="L")
        self.frame_y += h

    def break_lines(self, text: str, width: float, hyphenate: bool = True) -> list[str]:
        words = text.split()
        lines: list[str] = []
        cur = ""
        for word in words:
            trial = word if not cur else cur + " " + word
            if self.get_string_width(trial) <= width:
                cur = trial
                continue
            # the word does not fit: hyphenate it if the line would stay too empty
            used = self.get_string_width(cur + " ") if cur else 0.0
            placed = False
            if hyphenate and "-" not in word and (width - used) / width > HYPHEN_MIN_GAP:
                for p in reversed(syllable_breaks(word)):
                    head = word[:p] + "-"
                    if used + self.get_string_width(head) <= width:
                        lines.append((cur + " " if cur else "") + head)
                        self.hyphenated.append(word[:p] + "-/" + word[p:])
                        cur = word[p:]
                        placed = True
                        break
            if not placed:
                if cur:
                    lines.append(cur)
                cur = word
        if cur:
            lines.append(cur)
        return lines

    def para(
        self,
        text: str,
        size: float = 10,
        style: str = "",
        lh: float = 5.0,
        after: float = 2.5,
        hyphenate: bool = True,
    ) -> None:
        self.set_font("DejaVu", style, size)
        width = self.frames[0][2]
        for line in self.break_lines(text, width, hyphenate):
            self._emit(line, lh, style, size)
        self.frame_y += after

    def heading(self, text: str, size: float = 13) -> None:
        self._need(14)
        self.set_text_color(0, 90, 140)
        self.para(text, size=size, style="B", lh=6.5, after=2, hyphenate=False)
        self.set_text_color(0, 0, 0)

    def bullet_list(self, items: list[str], size: float = 10, lh: float = 5.0) -> None:
        x, top, w, bottom = self.frames[0]
        for item in items:
            self.set_font("DejaVu", "", size)
            lines = self.break_lines(item, w - 5, hyphenate=False)
            self._need(lh)
            self.set_xy(self.frames[0][0], self.frame_y)
            self.cell(5, lh, "•")
            for i, line in enumerate(lines):
                if i:
                    self._need(lh)
                fx = self.frames[0][0]
                self.set_xy(fx + 5, self.frame_y)
                self.cell(self.frames[0][2] - 5, lh, line)
                self.frame_y += lh
            self.frame_y += 1
        self.frame_y += 1.5

    def figure_table(self, rows: list[tuple[str, str]], lh: float = 6.5) -> None:
        x, _, w, _ = self.frames[0]
        self.set_draw_color(180, 180, 180)
        for i, (label, value) in enumerate(rows):
            self._need(lh)
            if i % 2 == 0:
                self.set_fill_color(232, 241, 248)
            else:
                self.set_fill_color(255, 255, 255)
            self.set_xy(x, self.frame_y)
            self.set_font("DejaVu", "", 9.5)
            self.cell(w * 0.68, lh, label, border="B", fill=True)
            self.set_font("DejaVu", "B", 9.5)
            self.cell(w * 0.32, lh, value, border="B", fill=True, align="R")
            self.frame_y += lh
        self.frame_y += 4


SINGLE = [(20, 22, 170, 276)]
TWO_COL = [(20, 22, 81, 276), (109, 22, 81, 276)]


def build() -> Bulletin:
    pdf = Bulletin()
    pdf.set_title("METEK-SE Bülteni - Sayı 3 - Haziran 2025")
    pdf.set_author("METEK-SE Proje Yönetim Birimi")
    pdf.set_subject("Mesleki ve Teknik Eğitimde Kalite ve Sektör Eşleştirme Projesi bülteni")
    pdf.set_creator("Hamkar demo corpus (make_bulletin.py)")
    pdf.set_creation_date(CREATION)

    # ---------------------------------------------------------------- page 1
    pdf.add_page()
    pdf.set_fill_color(0, 90, 140)
    pdf.rect(0, 0, 210, 46, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("DejaVu", "B", 24)
    pdf.set_xy(20, 11)
    pdf.cell(170, 10, "METEK-SE BÜLTENİ")
    pdf.set_font("DejaVu", "", 11)
    pdf.set_xy(20, 23)
    pdf.cell(170, 6, "Mesleki ve Teknik Eğitimde Kalite ve Sektör Eşleştirme Projesi")
    pdf.set_xy(20, 31)
    pdf.cell(170, 6, "Sayı 3 · Haziran 2025")
    pdf.set_text_color(0, 0, 0)

    pdf.start_frames([(20, 54, 170, 276)])
    pdf.heading("Proje Hakkında")
    pdf.para(
        "Milli Eğitim Bakanlığı Mesleki ve Teknik Eğitim Genel Müdürlüğü tarafından Mart 2024'te "
        "başlatılan METEK-SE projesi, mesleki ve teknik eğitimin niteliğini artırmak ve okulları bulundukları "
        "bölgenin sanayisiyle sistematik olarak eşleştirmek amacıyla yürütülüyor. Proje, 12 pilot ilde 40 "
        "mesleki ve teknik Anadolu lisesinde uygulanıyor ve Şubat 2027'de tamamlanacak."
    )
    pdf.para(
        "Toplam bütçesi 18,6 milyon avro olan projenin temel hedefleri; okulların Avrupa Eğitim ve Öğretimde "
        "Kalite Güvencesi Referans Çerçevesi ile uyumlu bir öz değerlendirme sistemine kavuşması, alan "
        "öğretmenlerinin sürekli mesleki gelişiminin işletmelerle birlikte planlanması ve mezunların "
        "istihdam durumunun düzenli olarak izlenmesidir. Proje kapsamında yaklaşık 1.800 öğretmen ile 240 "
        "okul yöneticisine eğitim verilmesi öngörülüyor."
    )
    pdf.para(
        "Projenin uygulama ortakları arasında Mesleki Yeterlilik Kurumu, Türkiye Odalar ve Borsalar "
        "Birliği (TOBB), Türkiye İş Kurumu (İŞKUR) ve pilot illerin il milli eğitim müdürlükleri yer alıyor. "
        "Teknik destek hizmeti, Kuzey Avrupa Mesleki Eğitim Danışmanlığı Konsorsiyumu tarafından sağlanıyor."
    )
    pdf.heading("Genel Müdürden")
    pdf.para(
        "Değerli okurlar, bültenimizin üçüncü sayısında projemizin ilk on beş ayını geride bırakırken "
        "sahadan gelen sonuçları sizlerle paylaşmaktan mutluluk duyuyoruz. Pilot okullarımızın tamamı öz "
        "değerlendirme çalışmalarını bitirdi; öğretmenlerimizin yarısından fazlası işletmelerde mesleki "
        "gelişim programlarına katıldı. Kalite güvencesinin kâğıt üzerinde kalmaması için okul, sektör ve "
        "yerel yönetimlerin aynı masada buluşmasını önemsiyoruz. Projeye katkı veren tüm paydaşlarımıza "
        "teşekkür ederim.",
        style="I",
    )
    pdf.para("Dr. Levent Karaağaç, Mesleki ve Teknik Eğitim Genel Müdürü", style="B", size=9.5)
    pdf.heading("Bu Sayıda")
    pdf.bullet_list(
        [
            "Bölgesel Kalite Merkezleri belirlendi (s. 2)",
            "Konya'da sektörle eşleştirme çalıştayı (s. 2)",
            "Rakamlarla METEK-SE ve öğretmenler işletmede (s. 3)",
            "Yaklaşan etkinlikler ve iletişim (s. 4)",
        ]
    )

    # ---------------------------------------------------------------- page 2 (two columns)
    pdf.add_page()
    pdf.start_frames(TWO_COL)
    pdf.heading("Bölgesel Kalite Merkezleri Belirlendi", size=12)
    pdf.para(
        "Proje kapsamında, çevresindeki okullara rehberlik edecek 12 Bölgesel Kalite Merkezi belirlendi. "
        "Merkezler, alanlarında donanım ve sektör işbirliği bakımından öne çıkan mesleki ve teknik Anadolu "
        "liselerinden seçildi. Her merkez, kendi bölgesindeki pilot okulların öz değerlendirme "
        "çalışmalarını koordine edecek, öğretmenlerin işbaşında eğitim faaliyetlerini planlayacak ve "
        "sektörle düzenli toplantılar düzenleyecek.",
        size=9.5,
        lh=4.7,
    )
    pdf.para(
        "Seçim sürecinde okulların atölye altyapısı, işletmelerle imzalanmış protokollerin sayısı ve "
        "mezunların istihdam oranları birlikte değerlendirildi. Kalite Güvencesi Danışma Kurulu'nun "
        "onayıyla kesinleşen listeye göre merkezlerin altısı makine ve metal teknolojileri, üçü elektrik-"
        "elektronik teknolojisi, ikisi gıda teknolojisi, biri ise denizcilik alanında hizmet verecek.",
        size=9.5,
        lh=4.7,
    )
    pdf.para("Merkezlerden bazıları:", size=9.5, lh=4.7, style="B")
    pdf.bullet_list(
        [
            "Ankara – Yenimahalle Turan Ersoy Mesleki ve Teknik Anadolu Lisesi (makine)",
            "Bursa – Nilüfer Ertuğrul Gazi Mesleki Eğitim Merkezi (otomotiv)",
            "Gaziantep – Şehitkamil Teknoloji Mesleki ve Teknik Anadolu Lisesi (tekstil)",
            "Trabzon – Karadeniz Denizcilik Mesleki ve Teknik Anadolu Lisesi (denizcilik)",
            "Konya – Selçuklu Sanayi Mesleki ve Teknik Anadolu Lisesi (metal)",
        ],
        size=9.5,
        lh=4.7,
    )
    pdf.heading("Konya'da Sektörle Eşleştirme Çalıştayı", size=12)
    pdf.para(
        "Projenin sektörle eşleştirme bileşeni kapsamında 14-15 Mayıs 2025 tarihlerinde Konya'da iki günlük "
        "bir çalıştay düzenlendi. Konya Ticaret Odası'nın ev sahipliğinde yapılan çalıştaya pilot illerden "
        "120 okul yöneticisi, Konya Sanayi Odası, KOSGEB Konya Müdürlüğü ve İŞKUR temsilcileri ile 35 "
        "işletmenin insan kaynakları yöneticisi katıldı.",
        size=9.5,
        lh=4.7,
    )
    pdf.para(
        "Çalıştayda okul-işletme eşleştirmesinde yaşanan sorunlar; işletmelerde görevlendirilecek usta "
        "öğreticilerin yetiştirilmesi, öğrencilerin iş sağlığı ve güvenliği eğitimleri ile beceri eğitimi "
        "ücretlerinin ödenmesi başlıkları altında tartışıldı. Katılımcılar, her Bölgesel Kalite Merkezi'nde "
        "bir sektör koordinatörü görevlendirilmesini ve eşleştirme sürecinin çevrim içi bir platform "
        "üzerinden izlenmesini önerdi.",
        size=9.5,
        lh=4.7,
    )
    pdf.para(
        "Çalıştay sonuç raporu Haziran 2025'te Mesleki ve Teknik Eğitim Genel Müdürlüğü'ne sunuldu. "
        "Rapordaki öneriler, 2025-2026 eğitim öğretim yılında tüm pilot illerde uygulanacak eşleştirme "
        "kılavuzuna temel oluşturacak. Kılavuzun taslağı Eylül 2025'te paydaşların görüşüne açılacak.",
        size=9.5,
        lh=4.7,
    )

    # ---------------------------------------------------------------- page 3
    pdf.add_page()
    pdf.start_frames(SINGLE)
    pdf.heading("Rakamlarla METEK-SE")
    pdf.para(
        "Projenin Mart 2024 - Mayıs 2025 dönemini kapsayan ilerleme raporundan öne çıkan veriler aşağıda "
        "yer alıyor. Veriler, pilot okulların proje izleme sistemine girdiği bilgilerden derlendi.",
    )
    pdf.figure_table(
        [
            ("Pilot il / pilot okul", "12 il / 40 okul"),
            ("Öz değerlendirmesini tamamlayan okul", "40 (%100)"),
            ("İşletmede mesleki gelişim eğitimi alan öğretmen", "1.046"),
            ("Okul yöneticilerine yönelik liderlik eğitimi", "212 katılımcı"),
            ("İmzalanan okul-işletme işbirliği protokolü", "318"),
            ("Beceri eğitimine yerleştirilen öğrenci", "yaklaşık 9 bin 400"),
            ("Mezunların 6 ay içinde istihdam oranı (2024 mezunları)", "yüzde 58"),
            ("Atölye donanımı için harcanan tutar", "4,2 milyon avro"),
        ]
    )
    pdf.heading("Öğretmenler İşletmede")
    pdf.para(
        "Alan öğretmenlerinin mesleki gelişimi, projenin en çok ilgi gören faaliyeti oldu. 20-31 Ocak 2025 "
        "tarihleri arasındaki yarıyıl tatilinde 14 ilden yaklaşık 300 öğretmen, makine, elektrik-elektronik "
        "ve motorlu araçlar teknolojisi alanlarında 120 işletmede 40 saatlik eğitim aldı. Katılımcıların "
        "yüzde 92'si programı yararlı ya da çok yararlı bulduğunu belirtti. Öğretmenler, işletmede "
        "edindikleri deneyimleri Şubat 2025'ten itibaren zümre toplantılarında meslektaşlarıyla paylaştı."
    )
    pdf.para(
        "Programın yaz dönemi uygulamasında katılımcı sayısının iki bin öğretmene çıkarılması planlanıyor. "
        "Bunun için TOBB'un il ve ilçe odaları aracılığıyla 600'den fazla işletmeden ön kabul alındı. "
        "Mesleki Yeterlilik Kurumu ise eğitimini tamamlayan öğretmenlerden isteyenlerin ulusal yeterlilik "
        "sınavlarına girebilmesi için sınav ücreti desteği sağlayacak."
    )
    pdf.heading("Kalite Güvencesi Öz Değerlendirme Rehberi Yayımlandı")
    pdf.para(
        "Okulların kalite güvencesi çalışmalarında yararlanacağı Öz Değerlendirme Rehberi, Nisan 2025'te "
        "yayımlandı. Rehber; okul yönetimi, öğretim süreçleri, sektörle işbirliği ve mezun izleme olmak "
        "üzere dört ana bölümden ve toplam 46 göstergeden oluşuyor. Rehberin uygulanmasına ilişkin "
        "çevrim içi eğitimlere bugüne kadar 1.250 öğretmen ve yönetici katıldı."
    )

    # ---------------------------------------------------------------- page 4
    pdf.add_page()
    pdf.start_frames(SINGLE)
    pdf.heading("Yaklaşan Etkinlikler")
    pdf.bullet_list(
        [
            "8-10 Temmuz 2025 – Bölgesel Kalite Merkezi koordinatörleri yaz okulu, Antalya",
            "Eylül 2025 – Eşleştirme kılavuzu taslağının paydaş görüşüne açılması",
            "2 Ekim 2025 – Pilot il koordinatörleri izleme toplantısı, Ankara",
            "Kasım 2025 – İkinci dönem öz değerlendirme raporlarının teslimi",
            "20-21 Ocak 2026 – Ulusal mesleki eğitimde kalite konferansı, İstanbul",
        ]
    )
    pdf.heading("Sahadan: Gaziantep'te Tekstil Atölyesi")
    pdf.para(
        "Gaziantep'teki Bölgesel Kalite Merkezi, Gaziantep Sanayi Odası ve Gaziantep Üniversitesi Teknik "
        "Bilimler Meslek Yüksekokulu ile birlikte yürüttüğü dijital tekstil atölyesi çalışmasıyla projenin "
        "iyi uygulama örnekleri arasına girdi. Okulun tekstil teknolojisi alanındaki öğretmenleri, bilgisayarlı "
        "örme makinelerinin programlanması konusunda eğitici eğitiminden geçti; öğrenciler ise haftada iki "
        "gün sanayi kuruluşlarında uygulama yapıyor. Okul müdürü, işletmelerden gelen staj taleplerinin "
        "son bir yılda iki katına çıktığını belirtiyor."
    )
    pdf.heading("Yerel Yönetimlerle İşbirliği")
    pdf.para(
        "Projenin ikinci yılında belediyelerin meslek edindirme kursları ve halk eğitimi merkezleriyle "
        "ortak programlar geliştirilmesi hedefleniyor. Bu kapsamda Samsun, Van ve Erzurum'da yetişkinlere "
        "yönelik akşam kurslarının pilot okulların atölyelerinde düzenlenmesi için görüşmeler sürüyor. "
        "Belediyelerin kurs merkezleriyle yapılacak işbirliğinin, atölyelerin kullanım oranını yüzde 40 "
        "artırması bekleniyor."
    )
    pdf.heading("İletişim")
    pdf.para(
        "METEK-SE Proje Yönetim Birimi · Mesleki ve Teknik Eğitim Genel Müdürlüğü, Atatürk Bulvarı No: 214 "
        "Bakanlıklar/Çankaya/ANKARA · Tel: 0 (312) 555 10 40 · E-posta: metek-se@meb-demo.example",
        size=9.5,
    )
    pdf.para(
        "Bu bültenin içeriği METEK-SE Proje Yönetim Birimi'nin sorumluluğundadır ve finansman sağlayan "
        "kurumların görüşlerini yansıtmayabilir.",
        size=8.5,
        style="I",
    )
    return pdf


def main() -> None:
    pdf = build()
    pdf.output(str(OUT))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {pdf.page_no()} pages)")
    print("hyphenated:", ", ".join(pdf.hyphenated))


if __name__ == "__main__":
    main()
