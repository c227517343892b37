"""A third labelled set of Yulin (玉林市) 12345 hotline contacts, written independently of the
two other generators and of any grouping method's word lists.

Each generated contact (work order) carries the id of the real-world problem it is about
(`problem`); the CSV export omits it and a separate labels file maps work_order -> problem.

The set is written from real-world properties of 12345 work orders in a Guangxi prefecture-level
city, not from what a matcher looks for:

* Phone orders are summarised by operators in the third person ("来电人反映：…"); website, WeChat
  and app messages are first person, shorter, colloquial, with common typos, half-width
  punctuation and the occasional traditional or full-width character.
* Places come from the real administrative divisions in seed/places.tsv (village names repeat
  across towns) plus natural villages (队/组/屯), county-seat roads, estates with buildings and
  units, and landmarks.  The address column holds the problem's place at any precision, the
  caller's home, a bare county, or nothing; the text itself often names the place.
* Problems are what Yulin people ring about: wage arrears on building sites, title deeds and
  stalled estates, property management, night construction, shop noise and cooking fumes, pig
  farms, quarries, ceramics kilns and jeans-washing plants, broken village roads, water and power
  cuts, street lights, illegal building, rubbish, waterlogging, schools, individual 低保 /
  pension / medical-insurance cases, land disputes, traffic, street stalls, prepaid-card
  shops that vanish, buses, land-requisition compensation, and more.
* Contacts of one problem differ in caller (frequent callers ring many times and about several
  problems), channel, wording, the figures quoted, the precision and form of the place and of the
  named firm; problems come back months later and follow-ups complain about the handling.
* Different problems look alike: two projects on one estate, two shops on one road, same-named
  villages in different towns, neighbours' separate cases, one developer's different phases.
* Sizes: most problems have one contact, a long tail has 2-10, a few have 20-60.

    generate(n, seed) -> list[dict]
    write_csv(items, path)      # UTF-8 with BOM, Chinese headers
    write_labels(items, path)   # work_order,problem

Standard library only; deterministic for a given (n, seed).
"""
import bisect
import datetime as _dt
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
START = _dt.datetime(2025, 3, 1)
END = _dt.datetime(2026, 2, 28, 23, 59, 59)
NDAYS = (END.date() - START.date()).days + 1
SPRING_FESTIVAL = _dt.date(2026, 2, 17)


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------
def wchoice(r, pairs):
    """Pick from [(item, weight), ...]."""
    tot = 0.0
    for _, w in pairs:
        tot += w
    x = r.random() * tot
    for it, w in pairs:
        x -= w
        if x < 0:
            return it
    return pairs[-1][0]


def pick(r, seq):
    return seq[r.randrange(len(seq))]


def chance(r, p):
    return r.random() < p


CN_DIGITS = '零一二三四五六七八九'


def cn_num(n):
    """Chinese numerals for 0..999 as people write them (十五, 二十三, 一百二十)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return '十' + (CN_DIGITS[n % 10] if n % 10 else '')
    if n < 100:
        return CN_DIGITS[n // 10] + '十' + (CN_DIGITS[n % 10] if n % 10 else '')
    if n < 1000:
        h, rest = divmod(n, 100)
        s = CN_DIGITS[h] + '百'
        if rest == 0:
            return s
        if rest < 10:
            return s + '零' + CN_DIGITS[rest]
        return s + CN_DIGITS[rest // 10] + '十' + (CN_DIGITS[rest % 10] if rest % 10 else '')
    return str(n)


def count_phrase(r, n, units=('名', '个')):
    """A head count as different people say it: 8名, 八个, 十多个, 近20人, 30余人."""
    u = pick(r, units)
    if n < 10:
        return wchoice(r, [(f'{n}{u}', 5), (f'{cn_num(n)}{u}', 4), (f'{n}、{n + 1}{u}' if n > 2 else f'{n}{u}', 0.5)])
    tens = n // 10 * 10
    up = tens + 10
    return wchoice(r, [(f'{n}{u}', 5), (f'{cn_num(n)}{u}', 1.5), (f'{tens}多{u}', 2.5), (f'{cn_num(tens)}多{u}', 1.5),
                       (f'近{up}{u}', 0.8 if n % 10 >= 7 else 0.05), (f'{tens}余{u}', 1), (f'{tens}来{u}', 0.6)])


def money_phrase(r, yuan):
    """An amount of money in the forms used on the phone and online."""
    if yuan < 10000:
        y = int(round(yuan, -2)) or 100
        return wchoice(r, [(f'{y}元', 5), (f'{y}多元', 1.5), (f'{y}块', 1.5), (f'{cn_num(y // 100)}百多块' if y < 1000 else f'{y // 1000}千多元', 1)])
    w = yuan / 10000.0
    wi = int(w)
    forms = [(f'{wi}万元', 3), (f'{w:.1f}万元' if abs(w - round(w)) > 0.05 else f'{int(round(w))}万元', 2), (f'{wi}万多元', 2), (f'{wi}万余元', 2), (f'约{int(round(w))}万元', 1.5),
             (f'{int(round(yuan, -2))}元', 1.2)]
    if wi < 10:
        forms.append((f'{cn_num(wi)}万多', 1.5))
    elif wi < 1000:
        tens = wi // 10 * 10 if wi < 100 else wi // 100 * 100
        forms.append((f'{tens}多万', 2.5))
        forms.append((f'{cn_num(tens)}多万', 1.2))
    return wchoice(r, forms)


def jitter(r, x, rel):
    return x * (1.0 + r.uniform(-rel, rel))


def month_phrase(r, d, ref):
    """How a caller names a past month relative to the contact date."""
    if d.year == ref.year:
        return wchoice(r, [(f'{d.month}月份', 3), (f'今年{d.month}月', 3), (f'{d.year}年{d.month}月', 1)])
    if d.year == ref.year - 1:
        return wchoice(r, [(f'去年{d.month}月', 3), (f'{d.year}年{d.month}月', 2), (f'去年{d.month}月份', 1)])
    return f'{d.year}年{d.month}月'


def months_between(a, b):
    return max(0, (b.year - a.year) * 12 + b.month - a.month)


# ---------------------------------------------------------------------------
# Gazetteer and unit roster (read from seed/)
# ---------------------------------------------------------------------------
COUNTIES = ['玉州区', '福绵区', '北流市', '容县', '陆川县', '博白县', '兴业县']
COUNTY_WEIGHT = {'玉州区': 1.6, '福绵区': 0.4, '北流市': 0.95, '容县': 0.55, '陆川县': 0.6, '博白县': 0.9, '兴业县': 0.5}
COUNTY_SHORT = {'玉州区': '玉州', '福绵区': '福绵', '北流市': '北流', '容县': '容县', '陆川县': '陆川', '博白县': '博白',
                '兴业县': '兴业'}
COUNTY_GOV = {c: c + '人民政府' for c in COUNTIES}
SEAT_TOWNS = {'玉州区': ['玉城街道', '名山街道', '南江街道', '城西街道', '城北街道'], '福绵区': ['福绵镇'],
              '北流市': ['陵城街道', '城南街道', '城北街道', '北流镇'], '容县': ['容州镇'], '陆川县': ['温泉镇'],
              '博白县': ['博白镇'], '兴业县': ['石南镇']}
SEAT_LABEL = {'玉州区': '玉林市区', '福绵区': '福绵城区', '北流市': '北流城区', '容县': '容县县城', '陆川县': '陆川县城',
              '博白县': '博白县城', '兴业县': '兴业县城'}

ROADS = {
    '玉州区': ['人民中路', '人民东路', '人民西路', '民主中路', '民主南路', '民主北路', '教育中路', '教育东路', '教育西路',
            '大南路', '新民路', '中秀路', '城站路', '广场东路', '东明路', '清宁路', '一环东路', '一环南路', '一环西路',
            '一环北路', '二环东路', '二环南路', '二环西路', '二环北路', '金港大道', '玉东大道', '城西路', '江岸路'],
    '福绵区': ['福绵大道', '福兴路', '福康路', '新江路', '福西路', '福东路', '工业大道'],
    '北流市': ['北流大道', '中山路', '解放路', '城南一路', '城南二路', '城东一路', '城东三路', '环城路', '新荣大道',
            '河堤路', '陵城路', '金融路'],
    '容县': ['人民路', '城西路', '城南路', '沿江路', '东外街', '容州大道', '绣江路', '开发区大道'],
    '陆川县': ['龙珠路', '温泉路', '新洲路', '城东路', '陆兴路', '公园路', '城南路', '九洲路'],
    '博白县': ['文化路', '城东路', '城南路', '人民路', '亚山大道', '博白大道', '建设路', '新兴路'],
    '兴业县': ['兴业大道', '玉贵路', '城南路', '人民路', '石南路', '工业大道', '文化路', '城北路'],
}
LANDMARKS = {
    '玉州区': ['玉林火车站', '汽车总站', '万达广场', '市一中', '玉林高中', '玉林师院', '市一医院', '市红会医院', '人民公园',
            '五彩田园', '中药港', '体育中心', '玉林北站', '东门口', '中心广场', '城站市场', '中医院', '江岸市场'],
    '福绵区': ['福绵区政府', '福绵汽车站', '福绵中学', '福绵服装城', '福绵农贸市场'],
    '北流市': ['北流火车站', '北流汽车站', '北流高中', '北流市人民医院', '北流陶瓷城', '北流商贸城', '北流市政府', '勾漏洞'],
    '容县': ['容县汽车站', '容县高中', '真武阁', '容县人民医院', '容州广场', '容县中学'],
    '陆川县': ['陆川汽车站', '陆川中学', '陆川县人民医院', '温泉广场', '陆川县政府'],
    '博白县': ['博白汽车站', '博白中学', '博白县人民医院', '宴石山', '博白县政府', '博白农贸市场'],
    '兴业县': ['兴业汽车站', '兴业高中', '兴业县人民医院', '鹿峰山', '兴业县政府'],
}
RIVERS = {'玉州区': ['南流江', '清湾江', '车陂江'], '福绵区': ['南流江', '定川江'], '北流市': ['北流河', '圭江'],
          '容县': ['绣江', '杨梅河'], '陆川县': ['九洲江', '米马河'], '博白县': ['南流江', '九洲江', '绿珠江'],
          '兴业县': ['武思江', '定川江']}

_FALLBACK_PLACES = [('玉州区', '仁东镇', '大鹏村'), ('北流市', '大里镇', '大里村'), ('容县', '容州镇', '城西社区')]
_FALLBACK_UNITS = ['市住房和城乡建设局', '市城市管理监督局', '市生态环境局'] + [COUNTY_GOV[c] for c in COUNTIES]


def _load_places():
    path = os.path.join(ROOT, 'seed', 'places.tsv')
    rows = []
    try:
        with open(path, encoding='utf-8') as f:
            for line in f:
                line = line.rstrip('\n')
                if not line or line.startswith('#'):
                    continue
                parts = line.split('\t')
                if len(parts) != 3 or parts[0] == 'county' or parts[0] not in COUNTY_SHORT:
                    continue
                rows.append(tuple(parts))
    except OSError:
        rows = list(_FALLBACK_PLACES)
    return rows


def _load_units():
    path = os.path.join(ROOT, 'seed', 'members.yaml')
    units = []
    try:
        with open(path, encoding='utf-8') as f:
            inside = False
            for line in f:
                s = line.strip()
                if s.startswith('units:'):
                    inside = True
                    continue
                if s.startswith('members:'):
                    break
                m = re.match(r'-\s*\{name:\s*([^,}]+)', s)
                if inside and m:
                    units.append(m.group(1).strip())
    except OSError:
        units = []
    return units or list(_FALLBACK_UNITS)


PLACES = _load_places()
UNIT_NAMES = _load_units()


def unit(name):
    """A roster unit by its full name; falls back to the city government if the roster lacks it."""
    return name if name in UNIT_NAMES else (UNIT_NAMES[0] if UNIT_NAMES else name)


U_GOV = unit('市人民政府')
U_PETITION = unit('市信访局')
U_NDRC = unit('市发展改革委')
U_BIZENV = unit('市优化营商环境工作领导小组办公室')
U_MIIT = unit('市工业和信息化局')
U_POLICE = unit('市公安局')
U_JUSTICE = unit('市司法局')
U_LAND = unit('市自然资源局')
U_ENV = unit('市生态环境局')
U_HOUSING = unit('市住房和城乡建设局')
U_TRANSPORT = unit('市交通运输局')
U_AGRI = unit('市农业农村局')
U_COMMERCE = unit('市商务局')
U_CULTURE = unit('市文化广电体育和旅游局')
U_HEALTH = unit('市卫生健康委员会')
U_SAFETY = unit('市应急管理局')
U_SASAC = unit('市国有资产监督管理委员会')
U_MARKET = unit('市市场监督管理局')
U_URBAN = unit('市城市管理监督局')
U_RURAL = unit('市乡村振兴局')
U_PARKS = unit('市园林服务中心')
U_ROADS = unit('玉林公路发展中心')
U_HWY = unit('高速公路发展中心玉林分中心')
GOV_OF = {c: unit(COUNTY_GOV[c]) for c in COUNTIES}

UNIT_SHORT = {U_HOUSING: '住建局', U_URBAN: '城管', U_ENV: '环保局', U_LAND: '自然资源局', U_POLICE: '派出所',
              U_TRANSPORT: '交通局', U_MARKET: '市场监管局', U_AGRI: '农业农村局', U_HEALTH: '卫健委', U_RURAL: '乡村振兴局',
              U_PARKS: '园林部门', U_ROADS: '公路部门', U_HWY: '高速公路部门', U_MIIT: '工信局', U_SAFETY: '应急局',
              U_CULTURE: '文旅局', U_COMMERCE: '商务局', U_SASAC: '国资委', U_BIZENV: '优化办', U_NDRC: '发改委',
              U_JUSTICE: '司法局', U_PETITION: '信访局', U_GOV: '市政府'}


def unit_short(u):
    if u in UNIT_SHORT:
        return UNIT_SHORT[u]
    for c in COUNTIES:
        if u == GOV_OF[c]:
            return c + '政府'
    return u


# ---------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------
SURNAMES = [('陈', 10), ('李', 8), ('黄', 8), ('梁', 7), ('林', 5), ('刘', 5), ('王', 4), ('张', 4), ('杨', 3),
            ('冯', 3), ('钟', 3), ('庞', 3), ('莫', 3), ('吴', 3), ('何', 3), ('罗', 3), ('覃', 2), ('韦', 2),
            ('邓', 2), ('朱', 2), ('苏', 2), ('宁', 2), ('赖', 2), ('谢', 2), ('周', 2), ('廖', 2), ('曾', 2),
            ('潘', 2), ('卢', 2), ('丁', 1), ('彭', 1), ('蒙', 1), ('温', 1), ('吕', 1), ('牟', 1), ('容', 1),
            ('揭', 0.6), ('麦', 0.8), ('邱', 1), ('宾', 0.5), ('甘', 0.7), ('骆', 0.6), ('肖', 1), ('龙', 0.8)]
GIVEN_M = '志伟强明华建国文平军海东荣德光勇俊杰斌林福才成贵生新宏辉锋亮金永家庆武春汉坤培桂耀展源炳锦'
GIVEN_F = '丽秀梅芳玉燕红英霞娟兰凤萍婷敏琴艳珍莲春翠彩桂妹娇雪月晓琳慧洁艺静'
MOBILE_PREFIX = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152',
                 '153', '155', '156', '157', '158', '159', '166', '172', '173', '176', '177', '178', '180', '181',
                 '182', '183', '184', '185', '186', '187', '188', '189', '191', '193', '195', '198', '199']


class People:
    """Makes complainants: a name, a gender, an age band, phones and a favourite channel."""

    def __init__(self, r):
        self.r = r
        self.phones = set()

    def surname(self):
        return wchoice(self.r, SURNAMES)

    def full_name(self, gender):
        r = self.r
        pool = GIVEN_M if gender == 'm' else GIVEN_F
        g = pick(r, pool) if chance(r, 0.25) else pick(r, pool) + pick(r, pool)
        return self.surname() + g

    def phone(self):
        r = self.r
        while True:
            p = pick(r, MOBILE_PREFIX) + ''.join(str(r.randrange(10)) for _ in range(8))
            if p not in self.phones:
                self.phones.add(p)
                return p

    def person(self, county=None, age=None, gender=None):
        r = self.r
        gender = gender or ('m' if chance(r, 0.58) else 'f')
        age = age or wchoice(r, [('young', 3), ('middle', 4), ('old', 2)])
        name = self.full_name(gender)
        if age == 'old':
            pref = [('电话', 10), ('微信', 1), ('网站', 0.3), ('APP', 0.2), ('其他', 0.4)]
        elif age == 'middle':
            pref = [('电话', 6), ('微信', 2.5), ('网站', 1), ('APP', 1), ('其他', 0.3)]
        else:
            pref = [('电话', 3), ('微信', 3), ('网站', 1.5), ('APP', 2.5), ('其他', 0.2)]
        return {'name': name, 'gender': gender, 'age': age, 'phone': self.phone(),
                'phone2': self.phone() if chance(r, 0.12) else None, 'pref': pref, 'county': county,
                'frequent': False, 'home': None, 'anon': chance(r, 0.06)}


def caller_display(p, r, channel):
    """The 诉求人 column: full name, 陈先生 / 陈女士, or 匿名 when the caller would not say."""
    if p['anon'] and chance(r, 0.7):
        return wchoice(r, [('匿名', 5), ('', 1), ('市民', 1)])
    sur = p['name'][0]
    hon = '先生' if p['gender'] == 'm' else ('女士' if p['age'] != 'young' or chance(r, 0.5) else '小姐')
    if channel == '电话':
        return wchoice(r, [(p['name'], 4), (sur + hon, 5), ('匿名', 0.25), (sur + '师傅' if p['gender'] == 'm' else sur + hon, 0.15)])
    return wchoice(r, [(p['name'], 6), (sur + hon, 2), ('网友', 0.3), ('匿名', 0.3)])


# ---------------------------------------------------------------------------
# The world: villages, natural villages, estates, firms
# ---------------------------------------------------------------------------
FIRM_CORES = ['恒达', '宏基', '鸿泰', '盛源', '桂玉', '金辉', '荣信', '广厦', '建兴', '永利', '华盛', '众鑫', '瑞丰', '正宏',
              '联诚', '顺发', '佳豪', '兴桂', '创基', '明远', '中玉', '安泰', '远洋', '宏图', '力拓', '鼎盛', '泰丰', '合润',
              '隆达', '鑫源', '汇通', '新城', '长盛', '祥和', '德昌', '富华', '骏业', '恒昌', '天和', '嘉润', '凯旋', '万顺',
              '博达', '锦程', '丰泽', '高远', '南方', '北辰', '华桂', '东信', '利民', '润丰', '建业', '国泰', '金源', '荣华',
              '旺达', '祥瑞', '同心', '腾飞', '伟业', '新桂', '海通', '大成', '铭城', '宏远', '昌盛', '巨龙', '金茂', '华庭',
              '融信', '泰和', '恒信', '誉峰', '云龙', '森达', '盈丰', '名扬', '东湖', '城投']
CORE_HEADS = '恒宏鸿盛金荣广建永华众瑞正联顺佳兴创明中安远鼎泰合隆鑫汇长祥德富骏天嘉凯万博锦丰高利润国旺同腾伟海铭昌巨茂融誉云森盈名'
CORE_TAILS = '达基泰源辉信厦兴利盛鑫丰宏诚发豪远安图拓和润昌业华晟通成泽峰越新凯景'
ESTATE_HEADS = ['金港', '锦绣', '翡翠', '碧水', '江南', '东城', '龙湾', '凤凰', '盛世', '阳光', '香榭', '紫荆', '水岸', '书香',
                '学府', '南城', '滨江', '半山', '君悦', '富丽', '名门', '城市', '恒星', '嘉和', '中央', '天骄', '鸿福', '汇景',
                '翰林', '福临', '东方', '西城', '北城', '丽景', '幸福', '和谐', '铂悦', '御龙', '桃源', '荔园', '龙泉', '金桂',
                '玉湖', '明珠', '星河', '碧园', '泰和', '湖畔', '秀水', '新天地', '城南', '珑璟', '悦澜', '朗润', '云山']
ESTATE_TAILS = ['华府', '花园', '名都', '豪庭', '御景', '雅苑', '新城', '公馆', '名城', '湾', '世家', '一品', '国际', '家园',
                '山庄', '尚城', '壹号', '府', '苑', '天地', '广场', '时代', '半岛', '华庭', '名苑', '春天', '蓝湾', '首府']
VILLAGE_HEADS = '上下大新老石塘岭坡垌竹松高长水东西南北黄李陈山禾木沙龙马牛白横旺桥岗冲'
VILLAGE_TAILS = '村塘岭坡垌冲背头尾边屋角寨埇田湾口坪根肚垌岭面'


class World:
    """Everything problems are about; built once per generate() call from the seeded RNG."""

    def __init__(self, r, people):
        self.r = r
        self.people = people
        self.towns = {c: [] for c in COUNTIES}
        self.villages = {}
        names = {}
        for c, t, v in PLACES:
            if t not in self.towns[c]:
                self.towns[c].append(t)
            self.villages.setdefault((c, t), []).append(v)
            names[v] = names.get(v, 0) + 1
        self.dup_rows = [(c, t, v) for c, t, v in PLACES if names[v] > 1]
        self.rural_rows = {c: [(cc, t, v) for cc, t, v in PLACES if cc == c and t not in SEAT_TOWNS[c] and v.endswith('村')]
                           for c in COUNTIES}
        self.seat_comms = {c: [(cc, t, v) for cc, t, v in PLACES if cc == c and t in SEAT_TOWNS[c]] for c in COUNTIES}
        for c in COUNTIES:
            if not self.rural_rows[c]:
                self.rural_rows[c] = [(cc, t, v) for cc, t, v in PLACES if cc == c] or [(c, SEAT_TOWNS[c][0], '城区社区')]
            if not self.seat_comms[c]:
                self.seat_comms[c] = [(c, SEAT_TOWNS[c][0], '城区社区')]
        self.natural = {}
        cores = list(FIRM_CORES)
        seen = set(cores)
        extra = []
        for a in CORE_HEADS:
            for b in CORE_TAILS:
                if a != b and a + b not in seen:
                    seen.add(a + b)
                    extra.append(a + b)
        r.shuffle(cores)
        r.shuffle(extra)
        cores += extra
        self.cores = cores
        self.core_i = 0
        self.estates = {c: [] for c in COUNTIES}
        used = set()
        for c in COUNTIES:
            k = {'玉州区': 70, '北流市': 30, '博白县': 20, '陆川县': 16, '容县': 16, '兴业县': 12, '福绵区': 12}[c]
            devs = [self.firm('dev') for _ in range(max(3, k // 3))]
            for _ in range(k):
                while True:
                    nm = pick(r, ESTATE_HEADS) + pick(r, ESTATE_TAILS)
                    if nm not in used:
                        used.add(nm)
                        break
                self.estates[c].append(self.make_estate(c, nm, pick(r, devs)))
        self.recent = {}
        self.builders = [self.firm('build') for _ in range(60)]

    # -- firms ---------------------------------------------------------------
    def next_core(self):
        core = self.cores[self.core_i % len(self.cores)]
        self.core_i += 1
        return core

    def firm(self, kind, core=None):
        r = self.r
        core = core or self.next_core()
        pre = wchoice(r, [('广西', 3), ('玉林市', 3), ('广西玉林', 1), ('', 2)])
        if kind == 'build':
            tail = pick(r, ['建筑工程有限公司', '建设工程有限公司', '建筑安装工程有限公司', '建设集团有限公司', '建工集团有限公司'])
            short = core + ('集团' if '集团' in tail else pick(r, ['建筑', '建设', '建工']))
            aliases = [(core + '公司', 3), (short, 3), (pre + core + tail, 3), (core + tail, 2), (core, 0.6)]
        elif kind == 'dev':
            tail = pick(r, ['房地产开发有限公司', '置业有限公司', '房地产有限公司', '投资发展有限公司'])
            short = core + ('置业' if '置业' in tail else '地产')
            aliases = [(short, 3), (core + '公司', 2), (pre + core + tail, 2.5), (core + '房地产', 1), ('开发商', 2.5)]
        elif kind == 'prop':
            tail = pick(r, ['物业服务有限公司', '物业管理有限公司', '物业服务有限责任公司'])
            aliases = [(core + '物业', 4), ('物业公司', 3), ('物业', 3), (core + tail, 2), (core + '物业公司', 1.5)]
        else:
            tail = pick(r, ['有限公司', '科技有限公司', '实业有限公司', '贸易有限公司'])
            aliases = [(core + '公司', 3), (pre + core + tail, 3), (core, 1)]
        return {'core': core, 'full': pre + core + tail, 'aliases': aliases}

    # -- estates -------------------------------------------------------------
    def make_estate(self, county, nm, dev):
        r = self.r
        c, t, comm = pick(r, self.seat_comms[county])
        road = pick(r, ROADS[county])
        aliases = [(nm, 5), (nm + '小区', 4)]
        if nm.endswith('花园'):
            aliases.append((nm + '小区', 1))
        elif not nm.endswith(('苑', '府', '庭', '园')):
            aliases.append((nm + pick(r, ['花园', '小区']), 1))
        if chance(r, 0.3):
            aliases.append((dev['core'] + '·' + nm, 0.8))
            aliases.append((dev['core'] + nm, 1.2))
        return {'name': nm, 'aliases': aliases, 'county': county, 'town': t, 'comm': comm, 'road': road,
                'no': r.randint(1, 399), 'dev': dev, 'prop': self.firm('prop'), 'phases': wchoice(r, [(1, 4), (2, 4), (3, 2)]),
                'nb': r.randint(4, 36), 'year': r.randint(2012, 2023)}

    def estate(self, county):
        return pick(self.r, self.estates[county])

    # -- rural places --------------------------------------------------------
    def natural_villages(self, county, town, village):
        """The 队 / 组 / 屯 under a village, fixed per village so contacts agree."""
        key = (county, town, village)
        if key not in self.natural:
            r = self.r
            out = []
            if chance(r, 0.5):
                for n in r.sample(range(1, 19), r.randint(3, 6)):
                    out.append({'n': n})
            else:
                seen = set()
                for _ in range(r.randint(3, 7)):
                    nm = pick(r, VILLAGE_HEADS) + pick(r, VILLAGE_TAILS)
                    if nm not in seen and nm + '村' != village:
                        seen.add(nm)
                        out.append({'name': nm, 'suffix': wchoice(r, [('队', 4), ('村', 3), ('屯', 1), ('组', 1)])})
                if not out:
                    out.append({'n': r.randint(1, 12)})
            self.natural[key] = out
        return self.natural[key]

    def rural(self, county=None, dup_p=0.12, with_group=0.75):
        r = self.r
        if chance(r, dup_p) and self.dup_rows:
            c, t, v = pick(r, self.dup_rows)
            if county and c != county and chance(r, 0.5):
                c, t, v = pick(r, self.rural_rows[county])
        else:
            c, t, v = pick(r, self.rural_rows[county or pick_county(r)])
        g = pick(r, self.natural_villages(c, t, v)) if chance(r, with_group) else None
        return {'t': 'rural', 'county': c, 'town': t, 'village': v, 'grp': g}

    def urban(self, county=None, estate=None, road=None):
        r = self.r
        county = county or (estate['county'] if estate else pick_county(r, urban=True))
        if estate:
            return {'t': 'urban', 'county': county, 'town': estate['town'], 'comm': estate['comm'], 'road': estate['road'],
                    'no': estate['no'], 'estate': estate, 'lm': None, 'bldg': None}
        c, t, comm = pick(r, self.seat_comms[county])
        return {'t': 'urban', 'county': county, 'town': t, 'comm': comm, 'road': road or pick(r, ROADS[county]),
                'no': r.randint(1, 420), 'estate': None, 'lm': pick(r, LANDMARKS[county]) if chance(r, 0.45) else None,
                'bldg': None}

    def remember(self, kind, item):
        lst = self.recent.setdefault(kind, [])
        lst.append(item)
        if len(lst) > 60:
            del lst[0]

    def sibling(self, kind, p):
        """An earlier problem's anchor of the same kind, to make a look-alike but distinct problem."""
        lst = self.recent.get(kind)
        if lst and chance(self.r, p):
            return pick(self.r, lst)
        return None


def pick_county(r, urban=False):
    if urban:
        return wchoice(r, [(c, w * (2.2 if c == '玉州区' else 1.0)) for c, w in COUNTY_WEIGHT.items()])
    return wchoice(r, [(c, w * (0.5 if c == '玉州区' else 1.0)) for c, w in COUNTY_WEIGHT.items()])


# ---------------------------------------------------------------------------
# Writing places the way people write them
# ---------------------------------------------------------------------------
def f_county(c, r, formal=0.3):
    if chance(r, formal):
        return '玉林市' + c
    return c if chance(r, 0.8) else COUNTY_SHORT[c]


def f_town(t, r):
    if t.endswith('街道'):
        return wchoice(r, [(t, 6), (t + '办', 1), (t + '办事处', 1)])
    return wchoice(r, [(t, 8), (t[:-1], 1.2)])


def f_village(v, r):
    if v.endswith('社区'):
        return wchoice(r, [(v, 6), (v + '居委会', 1.5), (v[:-2] + '社区居委', 0.5)])
    if len(v) <= 2:
        return wchoice(r, [(v, 6), (v + '委', 1), (v + '委会', 1)])
    return wchoice(r, [(v, 6), (v + '委', 1.2), (v + '委会', 1.2), (v[:-1], 1)])


def f_group(g, r):
    if g is None:
        return ''
    if 'n' in g:
        n = g['n']
        return wchoice(r, [(f'{cn_num(n)}组', 4), (f'{n}组', 3), (f'第{cn_num(n)}村民小组', 1.5), (f'第{n}村民小组', 1),
                           (f'{cn_num(n)}队', 1.5), (f'{n}队', 1)])
    nm, sfx = g['name'], g['suffix']
    return wchoice(r, [(nm + sfx, 6), (nm, 1.5), (nm + pick(r, ['队', '组', '村', '屯']), 1)])


def f_estate(e, r):
    return wchoice(r, e['aliases'])


def f_bldg(r, e=None, fixed=None, extra=True):
    nb = e['nb'] if e else 20
    b = fixed if fixed is not None else r.randint(1, nb)
    form = wchoice(r, [(f'{b}栋', 6), (f'{b}号楼', 3), (f'{b}幢', 1), (f'{cn_num(b)}栋', 1)])
    if not extra:
        return form
    if chance(r, 0.45):
        form += f'{r.randint(1, 3)}单元'
    if chance(r, 0.35):
        form += f'{r.randint(2, 30)}0{r.randint(1, 4)}' + ('室' if chance(r, 0.4) else '')
    return form


def addr_rural(p, r, level=None):
    c, t, v, g = p['county'], p['town'], p['village'], p['grp']
    if level is None:
        level = wchoice(r, [('full', 3), ('ctv', 3), ('tvg', 3), ('vg', 1.5), ('ct', 1), ('v', 0.7), ('tv', 1.2)])
    gs = f_group(g, r)
    if level == 'full':
        s = '玉林市' + c + t + f_village(v, r) + gs
    elif level == 'ctv':
        s = f_county(c, r, 0.2) + f_town(t, r) + f_village(v, r) + (gs if chance(r, 0.5) else '')
    elif level == 'tvg':
        s = f_town(t, r) + f_village(v, r) + gs
    elif level == 'vg':
        s = f_village(v, r) + gs
    elif level == 'ct':
        s = f_county(c, r, 0.2) + f_town(t, r)
    elif level == 'tv':
        s = f_town(t, r) + f_village(v, r)
    else:
        s = f_village(v, r)
    if chance(r, 0.08):
        s += pick(r, ['附近', '村口', '旁边', '路边', '一带'])
    return s


def addr_urban(p, r, level=None):
    c, e = p['county'], p['estate']
    if e:
        if level is None:
            level = wchoice(r, [('road_estate_b', 3), ('cty_estate', 3), ('road_estate', 2), ('estate', 3), ('street', 1),
                                ('road', 0.6)])
        b = p.get('bldg')
        bs = f_bldg(r, e, b) if b is not None and chance(r, 0.7) else ''
        if level == 'road_estate_b':
            return f_county(c, r) + f"{e['road']}{e['no']}号" + f_estate(e, r) + bs
        if level == 'cty_estate':
            return f_county(c, r) + f_estate(e, r) + bs
        if level == 'road_estate':
            return e['road'] + f_estate(e, r) + (bs if chance(r, 0.3) else '')
        if level == 'estate':
            return f_estate(e, r) + bs
        if level == 'street':
            return f_county(c, r, 0.4) + f_town(e['town'], r) + f_village(e['comm'], r) + f_estate(e, r)
        return f_county(c, r, 0.2) + f"{e['road']}{e['no']}号"
    road, lm = p['road'], p.get('lm')
    seg = p.get('seg')
    if level is None:
        level = wchoice(r, [('road_no', 3), ('road_lm', 3 if lm else 0), ('road_seg', 3 if seg else 0), ('road', 1.5),
                            ('cty_road', 2), ('lm', 1 if lm else 0)])
    if level == 'road_no':
        return f_county(c, r, 0.25) + f"{road}{p['no']}号" + (pick(r, ['附近', '对面', '旁边', '']) if chance(r, 0.3) else '')
    if level == 'road_lm':
        return f_county(c, r, 0.2) + road + lm + pick(r, ['附近', '对面', '旁边', '门口', '路段', '一带'])
    if level == 'road_seg':
        return f_county(c, r, 0.2) + road + seg
    if level == 'lm':
        return lm + pick(r, ['附近', '对面', '旁边', '门口'])
    if level == 'cty_road':
        return f_county(c, r, 0.5) + (f_town(p['town'], r) if chance(r, 0.3) else '') + road
    return road


def address_of(p, r, level=None):
    if p['t'] == 'rural':
        return addr_rural(p, r, level)
    return addr_urban(p, r, level)


def mention(p, r):
    """How the place is named inside a message: shorter, in the writer's own words."""
    if p['t'] == 'rural':
        g = p['grp']
        return wchoice(r, [(f_town(p['town'], r) + f_village(p['village'], r) + f_group(g, r), 4),
                           (f_village(p['village'], r) + f_group(g, r), 3),
                           (f_county(p['county'], r, 0.1) + f_town(p['town'], r) + f_village(p['village'], r) + f_group(g, r), 2),
                           (f_village(p['village'], r), 1.5)])
    e = p['estate']
    if e:
        return wchoice(r, [(f_estate(e, r), 6), (e['road'] + f_estate(e, r), 2), (f_county(e['county'], r, 0.1) + f_estate(e, r), 1.5)])
    lm = p.get('lm')
    seg = p.get('seg')
    return wchoice(r, [(p['road'] + (seg or ''), 4), (p['road'] + (lm + pick(r, ['附近', '旁边', '对面']) if lm else ''), 3),
                       (f_county(p['county'], r, 0.1) + p['road'], 1.5), (f"{p['road']}{p['no']}号", 1)])


# ---------------------------------------------------------------------------
# Problems and their kinds
# ---------------------------------------------------------------------------
def season(**months):
    """Monthly weights, Jan..Dec; unnamed months weigh `rest` (default 1)."""
    rest = months.pop('rest', 1.0)
    names = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
    return [months.get(m, rest) for m in names]


S_WAGE = season(jan=3.2, feb=2.2, dec=3.0, nov=1.6, jun=1.2)
S_RAIN = season(apr=1.2, may=2.2, jun=2.8, jul=2.6, aug=2.6, sep=1.8, oct=0.9, rest=0.35)
S_SUMMER = season(may=1.5, jun=2.0, jul=2.5, aug=2.5, sep=1.6, rest=0.7)
S_SCHOOL = season(feb=1.4, mar=1.2, jun=1.3, jul=2.0, aug=2.6, sep=2.6, rest=0.6)
S_NIGHTLIFE = season(may=1.4, jun=1.8, jul=2.0, aug=2.0, sep=1.5, oct=1.2, jan=0.7, feb=0.8, rest=1.0)
S_HARVEST = season(mar=1.3, apr=1.4, oct=1.3, nov=1.3, rest=1.0)


class Problem:
    def __init__(self, pid, size, kind):
        self.id = pid
        self.size = size
        self.K = kind
        self.a = {}
        self.place = None
        self.units = []
        self.t0 = None
        self.pushback = kind.pushback
        self.solved = True
        self.individual = kind.individual
        self.home_mode = kind.home_mode
        self.pattern = 'single'


class Contact:
    """One work order being written: who, when, through which channel, and what came before."""

    def __init__(self, P, i, dt):
        self.P = P
        self.i = i
        self.dt = dt
        self.channel = '电话'
        self.voice = 'op'
        self.caller = None
        self.nth = 0          # earlier contacts of this caller on this problem
        self.prior = i        # earlier contacts of anyone on this problem
        self.recur = False    # first contact after a long quiet spell


def phase_forms(r, base, phase):
    return [(base + phase + '项目', 3), (base + phase, 2.5), (base + phase + '工地', 1.5), (base + '项目' + phase, 0.8),
            (base + phase + '工程', 1)]


def boss_forms(name):
    s = name[0]
    return [(f'包工头{s}某', 3), (name, 2), (f'老板{s}某', 1.5), (f'劳务老板{name}', 1), (f'班组长{s}某某', 0.8),
            (f'{s}老板', 2), (f'包工头{name}', 1.5)]


def near_festival(dt):
    d = dt.date()
    return _dt.date(2025, 12, 15) <= d <= SPRING_FESTIVAL


def some(r, items, lo, hi):
    """lo..hi distinct items in random order."""
    items = [x for x in items if x]
    k = min(len(items), r.randint(lo, hi))
    return r.sample(items, k)


class Kind:
    key = ''
    w = (1.0, 1.0, 0.0)        # weight for problems of 1, 2-19 and 20+ contacts
    season = None
    individual = False         # one person's own matter (低保, pension...)
    home_mode = 'same'         # where callers live: 'same' place, 'elsewhere', or 'self'
    night = 0.0                # share of phone calls made late at night
    pushback = 0.12            # chance a contact is bounced (退回) by a unit
    burst = 0.0                # chance a multi-contact problem is one outage-like burst
    recur = 0.15               # chance a multi-contact problem returns months later
    gap = (5, 25)              # mean days between contacts of a chronic problem
    relapse = False            # a nuisance that stops after handling and starts again

    def setup(self, P, W, r):
        raise NotImplementedError

    def body(self, P, c, r):
        raise NotImplementedError

    def result(self, P, c, r):
        return pick(r, ['经核实，已安排工作人员到现场处理', '已转相关责任单位跟进处理'])


BUILDING_TRADES = ['木工', '泥水工', '钢筋工', '架子工', '水电工', '油漆工', '砌砖工', '模板工', '杂工']
CIVIL_TRADES = ['泥水工', '钢筋工', '挖机司机', '杂工', '模板工', '泥头车司机']
TRADES = ['木工', '泥水工', '钢筋工', '架子工', '水电工', '外墙装修工', '油漆工', '砌砖工', '模板工', '铝合金门窗安装工',
          '挖机司机', '杂工', '防水工', '贴砖师傅']
PHASES = ['一期', '二期', '三期', '四期']


class Wage(Kind):
    key = 'wage'
    w = (5.0, 6.5, 11.0)
    season = S_WAGE
    pushback = 0.3
    recur = 0.25
    home_mode = 'elsewhere'
    gap = (2, 12)

    def new_project(self, W, r):
        x = r.random()
        if x < 0.55:
            e = W.estate(pick_county(r, urban=True))
            phase = pick(r, PHASES[:e['phases']]) if e['phases'] > 1 or chance(r, 0.3) else ''
            return e, phase, W.urban(estate=e), phase_forms(r, e['name'], phase), TRADES
        if x < 0.8:
            place = W.rural()
            t, v = place['town'], place['village']
            ts = t[:-1] if t.endswith(('镇', '乡')) else t[:-2]
            base, short, trades = pick(r, [
                (f'{t}中心小学教学楼', f'{ts}小学新教学楼', BUILDING_TRADES), (f'{t}卫生院综合楼', f'{ts}卫生院新楼', BUILDING_TRADES),
                (f'{v}易地扶贫安置点', f'{v}安置点', BUILDING_TRADES), (f'{t}污水处理厂', f'{ts}污水厂', CIVIL_TRADES),
                (f'{t}农贸市场改造', f'{ts}市场改造', BUILDING_TRADES), (f'{v}委办公楼', f'{v}村部大楼', BUILDING_TRADES),
                (f'{v}道路硬化', f'{v}修路', CIVIL_TRADES), (f'{t}敬老院', f'{ts}敬老院', BUILDING_TRADES),
                (f'{t}中学宿舍楼', f'{ts}中学宿舍', BUILDING_TRADES), (f'{v}水利灌溉渠', f'{v}水渠', CIVIL_TRADES)])
        else:
            county = pick_county(r, urban=True)
            place = W.urban(county)
            cs = COUNTY_SHORT[county]
            road, lm = place['road'], place['lm'] or place['road']
            base, short, trades = pick(r, [
                (f'{road}提升改造', f'{road}改造', CIVIL_TRADES), (f'{cs}人民医院新院区', f'{cs}人民医院新院', BUILDING_TRADES),
                (f'{cs}第二中学新校区', f'{cs}二中新校区', BUILDING_TRADES), (f'{road}雨污分流', f'{road}排水管改造', CIVIL_TRADES),
                (f'{cs}体育馆', f'{cs}新体育馆', BUILDING_TRADES), (f'{lm}片区棚户区改造', f'{lm}棚改', BUILDING_TRADES),
                (f'{cs}产业园标准厂房', f'{cs}产业园厂房', BUILDING_TRADES), (f'{cs}职业教育中心实训楼', f'{cs}职教中心', BUILDING_TRADES),
                (f'{cs}城东安置小区', f'{cs}城东安置房', BUILDING_TRADES)])
        proj = [(base + '工程', 3), (base + '项目', 3), (base, 2), (base + '工地', 1), (short, 2), (short + '工地', 1)]
        return None, '', place, proj, trades

    def setup(self, P, W, r):
        sib = W.sibling('wage', 0.3)
        co = pick(r, W.builders)
        trades = TRADES
        if sib and sib['estate'] and chance(r, 0.6):
            e = sib['estate']
            phase = pick(r, [x for x in PHASES + ['商业街', '地下车库'] if x != sib['phase']])
            place, proj = W.urban(estate=e), phase_forms(r, e['name'], phase)
            if co is sib['co']:
                co = pick(r, W.builders)
        else:
            if sib and chance(r, 0.5):
                co = sib['co']
            e, phase, place, proj, trades = self.new_project(W, r)
        big = P.size >= 15
        n = r.randint(25, 160) if big else int(wchoice(r, [(r.randint(2, 9), 4), (r.randint(10, 30), 3), (r.randint(31, 70), 1)]))
        P.place = place
        boss = W.people.full_name('m')
        P.a = {'estate': e, 'co': co, 'proj': proj, 'trade': pick(r, trades), 'boss': boss_forms(boss), 'n': n,
               'amount': n * r.randint(6000, 32000), 'since': P.t0.date() - _dt.timedelta(days=r.randint(30, 420)),
               'status': pick(r, ['完工', '封顶', '停工', '验收', '交付使用'])}
        P.units = [U_HOUSING, GOV_OF[place['county']]] + ([U_PETITION] if big else []) + ([U_GOV] if chance(r, 0.1) else [])
        P.solved = not big and chance(r, 0.6)
        W.remember('wage', {'estate': e, 'phase': phase, 'co': co})

    def body(self, P, c, r):
        a = P.a
        proj = wchoice(r, a['proj'])
        co = wchoice(r, a['co']['aliases'])
        boss = wchoice(r, a['boss'])
        trade = a['trade'] if chance(r, 0.8) else pick(r, ['农民工', '民工'])
        n = max(2, int(round(jitter(r, a['n'], 0.15))))
        nph = count_phrase(r, n)
        amt = money_phrase(r, jitter(r, a['amount'], 0.2))
        e = P.a['estate']
        where = ''
        if e and chance(r, 0.5):
            where = wchoice(r, [(e['road'], 3), (f_county(e['county'], r, 0.1) + e['road'], 2), (f_county(e['county'], r, 0.1), 1)])
        months = months_between(a['since'], c.dt.date())
        intro = wchoice(r, [(f'<I>是{where}{proj}的{trade}', 3), (f'<WE>{nph}{trade}在{co}承建的{where}{proj}干活', 3),
                            (f'<I>在{where}{proj}做{a["trade"]}', 2), (f'{where}{proj}由{co}承建', 2),
                            (f'<I>跟着{boss}在{proj}做工', 1.5), (f'<I>之前在{proj}打工', 1)])
        issue = wchoice(r, [(f'{co}拖欠<WE>{nph}工人工资{amt}', 4), (f'至今还拖欠{nph}工人的工资共计{amt}', 3),
                            (f'从{month_phrase(r, a["since"], c.dt)}到现在一直没发过工资', 2 if months >= 2 else 0),
                            (f'工程{a["status"]}后老板一直拖着不给工钱，共欠{amt}', 2),
                            (f'已经拖欠了{months}个月的工资', 1.5 if months >= 2 else 0), (f'欠薪{amt}，涉及{count_phrase(r, n, ("名",))}农民工', 1.5),
                            ('工资一直拿不到', 1)])
        details = [f'{boss}说{co}没有拨款给他', f'{co}说钱已经给了{boss}，让<WE>去找{boss}',
                   '打老板电话不接，到项目部也找不到人', '找过劳动监察，一直没有结果', '老板一直说下个月给，拖了一次又一次',
                   '家里老人小孩都等着这笔钱用', '工人到项目部讨要了好几次都没有结果', f'{co}说要等甲方结算后才能付',
                   '<WE>有考勤记录和工资表', f'<I>个人被欠{money_phrase(r, jitter(r, a["amount"] / a["n"], 0.5))}',
                   '眼看就要过年了，工人都等着拿钱回家过年' if near_festival(c.dt) else '',
                   '<WE>已经在工地门口拉了横幅' if chance(r, 0.3) else '']
        demand = wchoice(r, [('帮忙追回被拖欠的工资', 3), (f'督促{co}尽快支付工资', 3), ('尽快协调解决欠薪问题', 2),
                             ('给农民工做主', 1), ('春节前把工资结清', 2 if near_festival(c.dt) else 0), ('依法查处恶意欠薪', 1)])
        return [intro, issue] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        a = P.a
        proj = a['proj'][0][0]
        dl = c.dt.date() + _dt.timedelta(days=r.randint(7, 40))
        return wchoice(r, [
            (f"经核查，{a['co']['full']}承建的{proj}存在拖欠{a['trade']}班组工资的情况，已约谈施工单位负责人，责令其于{dl.month}月{dl.day}日前支付", 3),
            (f"经调查，该纠纷系{a['boss'][1][0]}与施工单位之间的劳务分包结算纠纷，双方对工程量存在争议，已告知诉求人可向劳动人事争议仲裁委员会申请仲裁", 2),
            (f"已督促建设单位从工程款中优先支付农民工工资，目前已支付{money_phrase(r, a['amount'] * r.uniform(0.2, 0.7))}，剩余部分正在结算", 2),
            ('该项目已纳入根治欠薪专项行动台账，由属地政府牵头持续跟进', 1.5),
            ('经核实，施工单位已将工资发放至工人银行卡，诉求人确认已收到', 1.5 if P.solved else 0.2),
            ('经协调，施工单位承诺春节前结清全部工资', 2 if near_festival(c.dt) else 0),
        ])


class Cert(Kind):
    key = 'cert'
    w = (2.2, 4.0, 6.0)
    pushback = 0.3
    recur = 0.35
    gap = (10, 40)
    BLOCKERS = ['开发商未缴清土地出让金', '项目未完成竣工验收备案', '开发商将土地使用权抵押给银行尚未解押',
                '项目规划条件核实未通过', '开发商欠缴相关税费', '项目存在超规划建设问题尚未处理']

    def setup(self, P, W, r):
        sib = W.sibling('cert', 0.3)
        phase = ''
        if sib and chance(r, 0.5):
            same_dev = [x for x in W.estates[sib['e']['county']] if x['dev'] is sib['e']['dev'] and x is not sib['e']]
            e = pick(r, same_dev) if same_dev else W.estate(sib['e']['county'])
        elif sib and sib['e']['phases'] > 1:
            e = sib['e']
            phase = pick(r, [x for x in PHASES[:e['phases']] if x != sib['phase']] or ['二期'])
        else:
            e = W.estate(pick_county(r, urban=True))
            if e['phases'] > 1 and chance(r, 0.6):
                phase = pick(r, PHASES[:e['phases']])
        P.place = W.urban(estate=e)
        P.a = {'e': e, 'phase': phase, 'hh': r.randint(60, 1400), 'year': min(2023, e['year'] + r.randint(1, 3)),
               'fee': pick(r, [500, 800, 1000, 1200, 1500, 2000, 2600, 3000]), 'why': pick(r, self.BLOCKERS)}
        P.units = [U_LAND, U_HOUSING, GOV_OF[e['county']]] + ([U_PETITION] if P.size > 10 else [])
        P.solved = chance(r, 0.3)
        W.remember('cert', {'e': e, 'phase': phase})

    def body(self, P, c, r):
        a = P.a
        e = a['e']
        est = f_estate(e, r) + (a['phase'] if a['phase'] and chance(r, 0.75) else '')
        dev = wchoice(r, e['dev']['aliases'])
        yrs = max(1, c.dt.year - a['year'])
        intro = wchoice(r, [(f'<I>是{est}的业主', 3), (f'{est}{a["year"]}年就交房了', 3), (f'<I>在{dev}开发的{est}买了房', 2),
                            (f'<I>家住{mention(P.place, r)}{f_bldg(r, e) if chance(r, 0.5) else ""}', 1.5),
                            (f'{e["road"]}的{est}', 1)])
        issue = wchoice(r, [('到现在都还没办到房产证', 3), ('不动产权证一直办不下来', 3), ('至今没有拿到不动产证', 2),
                            (f'房产证拖了{yrs}年还没办', 2), (f'交房{cn_num(yrs) if chance(r, 0.5) else yrs}年了还办不了证', 2),
                            ('小区业主都没有办到证', 1.5)])
        details = [f'全小区{count_phrase(r, a["hh"], ("户",))}业主都没有证', f'{dev}一直以各种理由推脱',
                   '问开发商只说手续还没办完', '去不动产登记中心问，说开发商没有提交资料', f'当时已经交了办证费{a["fee"]}元',
                   '小孩上学、办贷款都要用房产证', '听说是开发商没交清土地款', '业主们多次找过住建局和自然资源局都没有结果',
                   '房子想卖也卖不了', '开发商说今年年底能办，结果又没下文']
        demand = wchoice(r, [('督促开发商尽快给业主办证', 3), ('尽快办理不动产权证', 3), ('给个明确的办证时间', 2),
                             ('帮业主解决办证难问题', 2), ('查一下开发商为什么不办证', 1)])
        return [intro, issue] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        a = P.a
        return wchoice(r, [
            (f"经核查，{a['e']['name']}{a['phase']}项目因{a['why']}，导致暂时无法办理分户不动产权证。目前属地政府已成立工作专班，督促开发企业整改", 3),
            ('已将该项目列入“办证难”问题化解台账，实行一项目一方案，预计年内完成首次登记', 2),
            ("经核实，该项目首次登记已完成，业主可携带购房合同、发票等材料到不动产登记中心申请办理", 1.5 if P.solved else 0.3),
            ('已约谈开发企业负责人，要求其限期补缴相关费用并提交办证资料', 2),
        ])


class Delay(Kind):
    key = 'delay'
    w = (1.5, 2.5, 4.0)
    pushback = 0.25
    recur = 0.3
    gap = (7, 35)

    def setup(self, P, W, r):
        e = W.estate(pick_county(r, urban=True))
        phase = pick(r, ['二期', '三期', '四期', '新城', '二期A区', '三期B区'])
        P.place = W.urban(estate=e)
        promise = _dt.date(r.randint(2023, 2025), r.randint(1, 12), 1)
        P.a = {'e': e, 'phase': phase, 'promise': promise, 'halt': P.t0.date() - _dt.timedelta(days=r.randint(60, 600)),
               'hh': r.randint(150, 1600), 'loan': r.randint(16, 45) * 100}
        P.units = [U_HOUSING, GOV_OF[e['county']], U_LAND]
        P.solved = False
        W.remember('delay', e)

    def body(self, P, c, r):
        a = P.a
        e = a['e']
        est = wchoice(r, [(e['name'] + a['phase'], 4), (f_estate(e, r) + a['phase'], 2), (e['dev']['core'] + e['name'] + a['phase'], 1)])
        dev = wchoice(r, e['dev']['aliases'])
        over = months_between(a['promise'], c.dt.date())
        halt = months_between(a['halt'], c.dt.date())
        intro = wchoice(r, [(f'<I>在{est}买了房', 3), (f'{dev}开发的{est}', 2), (f'{mention(P.place, r)}{a["phase"]}楼盘', 1),
                            (f'<I>是{est}的购房业主', 2)])
        issue = wchoice(r, [(f'合同约定{a["promise"].year}年{a["promise"].month}月交房，到现在还交不了', 3),
                            (f'已经逾期{over}个月还没交房', 2 if over > 0 else 0),
                            (f'工地已经停工{halt}个月了', 2 if halt > 1 else 0), ('现在基本烂尾了，工地一个工人都没有', 2),
                            ('开发商说资金困难，交房时间一推再推', 2)])
        details = [f'<I>每个月要还{a["loan"]}元房贷，还要另外租房住', '售楼部已经关门，电话也打不通',
                   '业主去问，开发商只说在想办法', f'{count_phrase(r, a["hh"], ("户",))}业主都受影响',
                   '逾期交房的违约金也不赔', '楼盖到一半就不动了', '听说开发商欠了施工方很多钱']
        demand = wchoice(r, [('介入处理，保交楼', 3), ('督促开发商尽快复工交房', 3), ('给业主一个说法', 2), ('监管好预售资金', 1)])
        return [intro, issue] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('经核实，该项目因开发企业资金链紧张导致停工，属地政府已成立保交楼工作专班，正协调引入资金推动复工', 3),
                           ('已约谈开发企业，要求其制定复工计划并向业主公开，住建部门将加强预售资金监管', 2),
                           ('目前项目已部分复工，预计年底前完成主体工程，后续将及时向业主通报进展', 1.5)])


class Prop(Kind):
    key = 'prop'
    relapse = True
    w = (7.0, 5.0, 1.5)
    pushback = 0.15
    recur = 0.25
    SUBS = ['lift', 'fee', 'park', 'dirty', 'income', 'leak', 'guard', 'cutoff', 'fire', 'renovate']

    def setup(self, P, W, r):
        sib = W.sibling('prop', 0.3)
        e = sib['e'] if sib else W.estate(pick_county(r, urban=True))
        sub = pick(r, [s for s in self.SUBS if not sib or s != sib['sub']])
        P.place = W.urban(estate=e)
        if sub in ('lift', 'leak', 'cutoff'):
            P.place['bldg'] = r.randint(1, e['nb'])
        P.a = {'e': e, 'sub': sub, 'old': pick(r, [0.8, 1.0, 1.2, 1.3, 1.5]), 'fee_up': pick(r, [0.3, 0.5, 0.6, 0.8]),
               'park': pick(r, [150, 200, 260, 300, 350, 400])}
        P.units = [U_HOUSING, GOV_OF[e['county']]] + ([U_MARKET] if sub in ('fee', 'park') else []) + (
            [U_SAFETY] if sub == 'fire' else [])
        P.solved = chance(r, 0.55)
        W.remember('prop', {'e': e, 'sub': sub})

    def body(self, P, c, r):
        a = P.a
        e = a['e']
        est = f_estate(e, r)
        pm = wchoice(r, e['prop']['aliases'])
        b = P.place.get('bldg')
        bs = f_bldg(r, e, b, extra=False) if b else ''
        intro = wchoice(r, [(f'<I>是{est}的业主', 3), (f'<I>住在{est}{bs}', 3), (f'{est}{bs}', 1), (f'{e["road"]}{est}{bs}', 0.7)])
        s = a['sub']
        if s == 'lift':
            issue = [pick(r, [f'{bs}的电梯经常坏', f'{bs}电梯三天两头出故障', f'{bs}电梯坏了一个多星期都没人修', f'{bs}电梯经常困人']),
                     pick(r, [f'{pm}一直说在等配件', '老人小孩上下楼很不方便', '上个月还困过人', '物业说维修要业主另外出钱'])]
            demand = '督促物业尽快修好电梯'
        elif s == 'fee':
            new = a['old'] + a['fee_up']
            issue = [pick(r, [f'{pm}把物业费从每平方{a["old"]}元涨到{new:.1f}元', f'物业费突然涨价，一平方涨了{a["fee_up"]}元',
                              f'{pm}没有经过业主大会同意就上调物业费']),
                     pick(r, ['服务质量却越来越差', '不交就不给办门禁卡', '还说不交要停水停电', '收费标准也不公示'])]
            demand = '查处物业乱收费'
        elif s == 'park':
            issue = [pick(r, [f'小区停车费一个月要{a["park"]}元', f'{pm}乱收停车费', '业主买了车位还要交管理费']),
                     pick(r, ['外来车辆随便停，业主回来没位置', '消防通道都停满了车', '收费没有任何依据'])]
            demand = '规范小区停车收费'
        elif s == 'dirty':
            issue = [pick(r, ['小区垃圾好几天没人清', '垃圾桶满了也没人倒', '化粪池堵了污水流得到处都是', '绿化带杂草长得比人高']),
                     pick(r, ['臭气熏天，蚊子苍蝇很多', f'找{pm}也不管', '物业费照收'])]
            demand = '督促物业做好小区卫生'
        elif s == 'income':
            issue = [pick(r, ['电梯广告、停车场等公共收益从来不公示', f'{pm}把小区公共收益占为己有', '业主想成立业委会物业一直阻挠']),
                     pick(r, ['业主多次要求查账被拒绝', '维修资金怎么用的也不清楚', '街道社区也不管'])]
            demand = '公开公共收益，支持业主成立业委会'
        elif s == 'leak':
            issue = [pick(r, [f'{bs}楼顶漏水，顶楼住户家里墙都发霉了', '地下车库一直渗水', f'{bs}外墙瓷砖脱落，差点砸到人']),
                     pick(r, [f'{pm}说要申请维修资金，拖了半年', '开发商和物业互相推', '下雨天更严重'])]
            demand = '尽快维修'
        elif s == 'guard':
            issue = [pick(r, ['小区门禁坏了，外人随便进出', '小区电动车经常被偷', '保安晚上不在岗', '监控都是坏的']),
                     pick(r, [f'{pm}不作为', '业主心里很不安', '报了警也没找回来'])]
            demand = '督促物业加强小区安保'
        elif s == 'cutoff':
            issue = [pick(r, [f'{pm}因为<I>家对物业服务有意见没交物业费，就停了<HOME>的水', f'{pm}把{bs}的水电都停了',
                              '物业以欠费为由停水停电']),
                     pick(r, ['家里有老人小孩，生活很困难', '物业根本无权停水停电', '已经停了三天了'])]
            demand = '制止物业违规停水停电'
        elif s == 'fire':
            issue = [pick(r, ['小区消防栓没有水', '消防通道被杂物和车辆堵死', '电动车在楼道里充电', '灭火器都过期了']),
                     pick(r, ['存在很大的安全隐患', f'跟{pm}讲了很多次都不处理'])]
            demand = '排查小区消防安全隐患'
        else:
            issue = [pick(r, ['有业主装修把承重墙打掉了', '楼上装修天天从早吵到晚，中午也不停', '有住户把阳台外扩']),
                     pick(r, [f'{pm}不管', '担心影响整栋楼安全', '周末也在电钻'])]
            demand = '制止违规装修'
        return [intro] + issue, demand

    def result(self, P, c, r):
        pm = P.a['e']['prop']['full']
        return wchoice(r, [(f'已约谈{pm}负责人，责令其限期整改，社区将跟踪落实', 3),
                           (f'经核实，{pm}已安排维修人员处理完毕', 2 if P.solved else 0.5),
                           ('物业服务收费属市场调节价，已指导业主通过业主大会与物业协商，并督促物业公示收费标准', 1 if P.a['sub'] in ('fee', 'park') else 0),
                           ('已将情况转街道办和社区，由社区组织业主与物业协商解决', 2)])


def shop_name(r):
    return pick(r, ['老陈', '阿强', '兄弟', '好运来', '夜来香', '聚福', '大碗', '辣妹子', '一品', '金色年华', '星光', '皇朝',
                    '欢乐颂', '蓝调', '花样年华', '麦乐迪', '老地方', '友谊', '湘味', '老友', '阿妹', '东北人', '深夜',
                    '红运', '鑫鑫', '发记', '佳佳', '万家福', '百姓', '老街', '江湖', '炭火', '大排', '金牌', '阿华'])


SHOP_TYPES = {
    'ktv': ['KTV', '量贩KTV', 'KTV会所'], 'bar': ['酒吧', '清吧', '音乐酒吧'], 'bbq': ['烧烤', '烧烤店', '烧烤大排档'],
    'dapai': ['大排档', '夜宵店', '宵夜档'], 'mahjong': ['棋牌室', '麻将馆', '棋牌'], 'speaker': ['超市', '手机店', '服装店', '药店', '鞋城'],
    'autofix': ['汽修店', '汽车维修厂', '汽修厂'], 'restaurant': ['饭店', '餐馆', '酒家'], 'rice_noodle': ['生料粉店', '米粉店', '牛巴粉店'],
}


def shop_forms(head, typ):
    names = SHOP_TYPES[typ]
    out = [(head + names[0], 4), (head + names[1], 2), (head + names[2], 1), (head, 1)]
    return out


class ShopNoise(Kind):
    key = 'shop_noise'
    relapse = True
    w = (4.5, 4.5, 4.0)
    night = 0.6
    recur = 0.35
    pushback = 0.25
    gap = (3, 18)

    def setup(self, P, W, r):
        sib = W.sibling('shop', 0.3)
        typ = wchoice(r, [('ktv', 2), ('bar', 2), ('bbq', 2), ('dapai', 1.5), ('mahjong', 1.5), ('speaker', 2.5), ('autofix', 1),
                          ('square', 1.5)])
        if sib:
            P.place = dict(sib)
            P.place['no'] = max(1, sib['no'] + r.choice([-12, -6, -4, -2, 2, 4, 8, 14]))
            P.place['lm'] = sib.get('lm')
        else:
            e = W.estate(pick_county(r, urban=True)) if chance(r, 0.45) else None
            P.place = W.urban(estate=e) if e else W.urban(pick_county(r, urban=True))
        head = shop_name(r)
        if typ == 'square':
            sq = pick(r, ['小区广场', '文化广场', '公园', '篮球场', '停车场空地'])
            P.a = {'typ': typ, 'name': [(sq, 3), ('广场舞', 2)], 'end': pick(r, ['十点多', '十一点', '十点半'])}
        else:
            P.a = {'typ': typ, 'name': shop_forms(head, typ), 'end': pick(r, ['凌晨一点', '凌晨两点', '凌晨两三点', '半夜', '凌晨三四点', '十二点多'])}
        P.units = {'ktv': [U_POLICE, U_CULTURE, U_ENV], 'bar': [U_POLICE, U_CULTURE, U_URBAN], 'speaker': [U_URBAN, U_MARKET, U_ENV],
                   'autofix': [U_ENV, U_URBAN, U_MARKET], 'square': [U_POLICE, U_URBAN, U_CULTURE]}.get(typ, [U_POLICE, U_URBAN, U_ENV])
        P.units = P.units + [GOV_OF[P.place['county']]]
        P.solved = chance(r, 0.4)
        W.remember('shop', P.place)

    def body(self, P, c, r):
        a = P.a
        nm = wchoice(r, a['name'])
        where = mention(P.place, r)
        t = a['typ']
        loc = wchoice(r, [(f'{where}的{nm}', 3), (f'{where}楼下那家{nm}', 2), (f'<HOME>楼下的{nm}', 2), (f'{where}附近的{nm}', 1.5)])
        if t in ('ktv', 'bar'):
            issue = [f'{loc}每天晚上唱歌到{a["end"]}', pick(r, ['音响低音炮震得窗户都在响', '喝酒划拳吵闹声很大', '门口客人大声喧哗',
                                                          '关上窗也能听得清清楚楚'])]
        elif t in ('bbq', 'dapai'):
            issue = [f'{loc}开到{a["end"]}', pick(r, ['客人喝酒猜码声音很大', '还放音响唱歌', '摆桌子占了人行道，吵得没法睡'])]
        elif t == 'mahjong':
            issue = [f'{loc}通宵打麻将', pick(r, ['洗牌声和说话声很吵', '半夜还有人进进出出', '楼上楼下都被吵到'])]
        elif t == 'speaker':
            issue = [f'{loc}在门口摆大音箱', pick(r, ['循环播放促销广告，从早到晚', '喇叭声音开得很大', '一天到晚放音乐喊促销'])]
        elif t == 'autofix':
            issue = [f'{loc}每天敲敲打打', pick(r, ['打磨喷漆的声音很大，气味也难闻', '晚上八九点还在作业', '占用人行道修车'])]
        else:
            issue = [f'{where}{nm}每天晚上跳广场舞', f'音响开得很大，一直跳到{a["end"]}']
        details = ['严重影响附近居民休息', '家里有小孩要读书，老人睡不着', '打过110，警察来了就小声一会，走了又照样',
                   '跟老板沟通过，老板态度很差', '已经持续好几个月了', '<I>白天要上班，晚上根本睡不好', '<I>有神经衰弱，被吵得头痛']
        demand = wchoice(r, [('管一管噪音扰民问题', 3), ('依法查处噪音扰民', 2), ('还居民一个安静的环境', 1),
                             ('让商家晚上十点后不要再吵', 2 if t != 'square' else 0), ('规定广场舞的时间和音量', 2 if t == 'square' else 0)])
        return [issue[0]] + issue[1:] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('经现场检查，该店确存在噪声扰民情况，已责令其降低音量、限时经营，并告知违规后果', 3),
                           ('已联合辖区派出所、社区对该店进行劝导教育，店主表示将整改', 2),
                           ('执法人员夜间到现场巡查时未发现噪音扰民情况，将加强巡查', 1.5),
                           ('已约谈经营者，要求其加装隔音设施，目前正在整改中', 1.5)])


class Fume(Kind):
    key = 'fume'
    relapse = True
    w = (2.5, 2.5, 1.0)
    season = S_NIGHTLIFE
    night = 0.3
    recur = 0.3
    pushback = 0.25

    def setup(self, P, W, r):
        sib = W.sibling('shop', 0.35)
        typ = wchoice(r, [('bbq', 3), ('dapai', 2), ('restaurant', 2), ('rice_noodle', 1.5)])
        if sib:
            P.place = dict(sib)
            P.place['no'] = max(1, sib['no'] + r.choice([-10, -6, -2, 2, 6, 10]))
        else:
            e = W.estate(pick_county(r, urban=True)) if chance(r, 0.5) else None
            P.place = W.urban(estate=e) if e else W.urban(pick_county(r, urban=True))
        head = shop_name(r)
        P.a = {'typ': typ, 'name': shop_forms(head, typ)}
        P.units = [U_ENV, U_URBAN, U_MARKET, GOV_OF[P.place['county']]]
        P.solved = chance(r, 0.4)
        W.remember('shop', P.place)

    def body(self, P, c, r):
        nm = wchoice(r, P.a['name'])
        where = mention(P.place, r)
        intro = wchoice(r, [(f'{where}的{nm}', 3), (f'<HOME>楼下一楼的{nm}', 2), (f'{where}{nm}', 2)])
        issue = pick(r, ['油烟直接往楼上排，家里窗户都不敢开', '烧烤烟雾很大，整栋楼都是烟味', '没有装油烟净化器，油烟熏得墙都黑了',
                         '排烟管对着居民楼，衣服都晒不了'])
        details = ['晚上还占道摆桌', '<HOME>有小孩有哮喘', '跟老板说过好几次都不理', '夏天最严重', '厨房排水还流到路上，又臭又滑']
        demand = wchoice(r, [('督促商家安装油烟净化设施', 3), ('查处油烟扰民', 2), ('解决油烟问题', 2)])
        return [intro, issue] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('经现场核查，该店未安装油烟净化设施，已下达责令改正通知书，限期安装', 3),
                           ('经检查，该店已安装油烟净化器，已要求其定期清洗，并将排烟口改至楼顶', 2),
                           ('已对其占道经营行为进行劝导，油烟问题已移交生态环境部门查处', 0.6)])


class SiteNoise(Kind):
    key = 'site_noise'
    relapse = True
    w = (3.0, 3.5, 3.0)
    night = 0.75
    pushback = 0.2
    recur = 0.2
    gap = (2, 10)

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        e = W.estate(county)
        P.place = W.urban(estate=e)
        x = r.random()
        if x < 0.5:
            other = W.estate(county)
            while other is e and len(W.estates[county]) > 1:
                other = W.estate(county)
            phase = pick(r, ['', '二期', '三期'])
            src = [(other['name'] + phase + '工地', 3), (other['name'] + phase + '项目', 2), ('在建的' + other['name'] + phase, 1),
                   ('工地', 1)]
        elif x < 0.8:
            src = [(e['road'] + '道路改造工地', 3), (e['road'] + '施工工地', 2), ('路面施工', 1), ('修路的工地', 1)]
        else:
            src = [('商业综合体工地', 2), ('新楼盘工地', 2), ('学校新建工地', 1)]
        P.a = {'src': src, 'act': pick(r, ['打桩', '浇筑混凝土', '泥头车进出', '切割钢筋', '炮机破碎', '吊塔作业']),
               'until': pick(r, ['十一二点', '凌晨一两点', '凌晨三四点', '通宵', '半夜十二点']), 'co': pick(r, W.builders)}
        P.units = [U_HOUSING, U_URBAN, U_ENV, GOV_OF[county]]
        P.solved = chance(r, 0.45)

    def body(self, P, c, r):
        a = P.a
        src = wchoice(r, a['src'])
        est = f_estate(P.place['estate'], r)
        intro = wchoice(r, [(f'{est}旁边的{src}每天晚上施工到{a["until"]}', 3), (f'<I>住在{est}，{src}晚上一直在施工', 2),
                            (f'{src}夜间施工扰民', 2), (f'{mention(P.place, r)}附近{src}半夜还在{a["act"]}', 2)])
        issue = pick(r, [f'{a["act"]}的声音非常大', f'{a["act"]}吵得整个小区都睡不着', '机器轰鸣声不断', f'晚上{a["act"]}，震得床都在抖'])
        details = ['严重影响附近居民休息', '小孩马上要中考了', '家里老人心脏不好', '打过110，来了停一会，走了又继续',
                   '问工地说有夜间施工许可证', '已经持续一个多星期了', '白天施工可以理解，晚上实在受不了',
                   f'施工单位是{wchoice(r, a["co"]["aliases"])}']
        demand = wchoice(r, [('查处夜间违规施工', 3), ('让工地晚上十点后停工', 2), ('核实是否有夜间施工许可', 1.5), ('管管这个工地', 1)])
        return [intro, issue] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('经核查，该工地未办理夜间施工许可，已责令其停止夜间施工，并对施工单位进行约谈', 3),
                           ('该工地因混凝土浇筑需连续作业，已办理夜间施工许可，已要求其采取降噪措施并提前公告', 2),
                           ('执法人员夜间巡查时已制止施工，并将持续跟踪', 2)])


def owner_forms(name):
    s = name[0]
    return [(f'{s}某', 3), (f'{s}老板', 2), (name, 2), (f'姓{s}的老板', 1), (f'{s}某某', 1)]


def grp_label(place, r):
    """A natural village or group of a rural place, or just 村里 when there is none."""
    g = place.get('grp')
    return f_group(g, r) if g else '村里'


class Farm(Kind):
    key = 'farm'
    relapse = True
    w = (3.0, 3.5, 2.0)
    season = S_SUMMER
    recur = 0.35
    pushback = 0.25
    gap = (5, 30)
    ANIMALS = {'猪': ('头', 150, 3000), '鸡': ('只', 3000, 30000), '鸭': ('只', 2000, 12000), '牛': ('头', 20, 200),
               '鹅': ('只', 1000, 6000)}

    def setup(self, P, W, r):
        sib = W.sibling('farm', 0.25)
        county = wchoice(r, [('陆川县', 3), ('博白县', 3), ('北流市', 2.5), ('兴业县', 2), ('容县', 2), ('福绵区', 1.2), ('玉州区', 0.8)])
        if sib:
            P.place = dict(sib)
            groups = W.natural_villages(sib['county'], sib['town'], sib['village'])
            P.place['grp'] = pick(r, groups)
        else:
            P.place = W.rural(county, with_group=0.9)
        animal = wchoice(r, [('猪', 6), ('鸡', 2), ('鸭', 2), ('牛', 0.8), ('鹅', 0.5)])
        u, lo, hi = self.ANIMALS[animal]
        river = pick(r, RIVERS[P.place['county']])
        P.a = {'animal': animal, 'unit': u, 'scale': r.randint(lo, hi), 'owner': owner_forms(W.people.full_name('m')),
               'outlet': pick(r, ['村里的水塘', '旁边的小河', '水沟', '农田', f'{river}支流', '鱼塘', f'{river}'])}
        P.units = [U_ENV, U_AGRI, GOV_OF[P.place['county']]]
        P.solved = chance(r, 0.35)
        W.remember('farm', P.place)

    def body(self, P, c, r):
        a = P.a
        an = a['animal']
        where = mention(P.place, r)
        owner = wchoice(r, a['owner'])
        scale = count_phrase(r, a['scale'], (a['unit'],)) if a['scale'] < 1000 else f"{a['scale'] // 1000 * 1000}多{a['unit']}"
        intro = wchoice(r, [(f'{where}有人办了一个养{an}场', 3), (f'{where}{owner}的养{an}场', 3),
                            (f'<OURV>{grp_label(P.place, r)}有个养{an}场，养了{scale}', 2), (f'{owner}在{where}养{an}', 2)])
        issue = some(r, ['臭味很大，整个村都闻得到', f'{an}粪污水直接排到{a["outlet"]}', '苍蝇蚊子特别多',
                         '污水流进农田，庄稼都被泡死了', '井水都变味了不敢喝', '离村民房子不到一百米'], 1, 2)
        details = ['夏天更严重，晚上都没法开窗', '村里人跟老板说过，老板不理', '找过村委和镇里，没人管', '听说没有环评手续',
                   '是在基本农田上建的', f'{a["outlet"]}里的鱼都死了']
        demand = wchoice(r, [(f'关停这个养{an}场', 2), ('查处养殖污染', 3), ('督促其治理粪污', 2), ('让养殖场搬远一点', 1)])
        return [intro] + issue + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        an = P.a['animal']
        return wchoice(r, [(f'经现场核查，该养{an}场位于禁养区外，但存在粪污处理设施不完善问题，已责令其限期整改', 3),
                           (f'经核实，该养{an}场位于禁养区内，已下达限期关停通知书', 1.5),
                           ('已对养殖场污水进行取样监测，并督促业主清理沟渠、完善雨污分流设施', 2),
                           ('镇政府已组织人员对该养殖场进行劝导，养殖户承诺减少存栏量', 1.5)])


FACTORY_TYPES = {
    'quarry': {'玉州区': 0.4, '福绵区': 1, '北流市': 2, '容县': 2, '陆川县': 1.5, '博白县': 2, '兴业县': 3},
    'concrete': {c: 1.5 for c in COUNTIES}, 'ceramic': {'北流市': 5}, 'washing': {'福绵区': 5, '玉州区': 0.8},
    'wood': {'博白县': 2, '容县': 2, '北流市': 1.5, '兴业县': 1, '陆川县': 1}, 'brick': {c: 0.8 for c in COUNTIES},
    'scrap': {'玉州区': 2, '北流市': 0.6, '福绵区': 0.6, '博白县': 0.5}, 'foundry': {'玉州区': 1.2, '兴业县': 1},
    'fertilizer': {c: 0.6 for c in COUNTIES},
}


class Factory(Kind):
    key = 'factory'
    relapse = True
    w = (2.5, 3.0, 3.5)
    recur = 0.4
    pushback = 0.3
    night = 0.2
    gap = (5, 30)

    def setup(self, P, W, r):
        county = pick_county(r)
        typ = wchoice(r, [(t, m.get(county, 0.05)) for t, m in FACTORY_TYPES.items()])
        P.place = W.rural(county, dup_p=0.05, with_group=0.6)
        county = P.place['county']
        core = W.next_core()
        vs = P.place['village'][:-1] if len(P.place['village']) > 2 else P.place['village']
        river = pick(r, RIVERS[county])
        names = {
            'quarry': [(f'{vs}石场', 3), (f'{core}石材有限公司', 1.5), ('采石场', 2), ('石场', 2), (f'{core}石场', 1)],
            'concrete': [(f'{core}商砼站', 2), (f'{core}混凝土有限公司', 2), ('搅拌站', 2), ('混凝土搅拌站', 2)],
            'ceramic': [(f'{core}陶瓷厂', 3), (f'{core}陶瓷有限公司', 2), ('陶瓷厂', 2), (f'{core}瓷厂', 1)],
            'washing': [(f'{core}水洗厂', 3), (f'{core}洗水厂', 2), ('牛仔水洗厂', 1.5), ('洗水厂', 2), ('水洗厂', 2)],
            'wood': [(f'{core}木业', 2), (f'{core}板材厂', 2), ('板厂', 1.5), ('木材加工厂', 2)],
            'brick': [(f'{vs}砖厂', 3), ('砖厂', 2), (f'{core}页岩砖厂', 1)],
            'scrap': [('废品收购站', 3), ('废品站', 2), ('收废品的', 1), (f'{W.people.surname()}某的废品站', 1)],
            'foundry': [(f'{core}铸造厂', 3), ('铸造厂', 2), (f'{core}机械铸件厂', 1)],
            'fertilizer': [(f'{core}有机肥厂', 3), ('有机肥厂', 2), ('肥料厂', 1)],
        }[typ]
        issues = {
            'quarry': ['每天放炮，震得房子都开裂了', '粉尘很大，菜叶上都是灰', '运石头的大车把村道都压烂了', '放炮时飞石差点砸到人',
                       '机器轰鸣从早到晚', '挖山挖到村民的山林里了'],
            'concrete': ['粉尘很大', '半夜还在生产，搅拌机声音吵', '罐车进出撒漏泥浆，路上全是泥', '洗车污水直接排到沟里'],
            'ceramic': ['烧窑排黑烟', '气味刺鼻，晚上更严重', '烟囱冒的烟呛得人咳嗽', '窑炉噪音很大'],
            'washing': [f'废水直接排进{river}', '河水都变成蓝黑色', '气味难闻', '晚上偷偷排污'],
            'wood': ['锯木粉尘到处飞', '胶水甲醛味很重', '机器噪音从早到晚', '晚上加班到半夜'],
            'brick': ['烟囱冒黑烟', '取土挖了好多农田', '粉尘大'],
            'scrap': ['废品堆得到处都是，占用道路', '晚上焚烧电线，气味很臭', '招老鼠蚊虫'],
            'foundry': ['冒黑烟，有刺鼻气味', '铁屑粉尘到处都是', '噪音大，晚上也生产'],
            'fertilizer': ['发酵的臭味飘得很远', '苍蝇很多', '污水外流'],
        }[typ]
        P.a = {'typ': typ, 'names': names, 'issues': issues}
        extra = {'quarry': [U_LAND, U_SAFETY], 'brick': [U_LAND], 'ceramic': [U_MIIT], 'foundry': [U_MIIT], 'scrap': [U_URBAN],
                 'concrete': [U_HOUSING]}.get(typ, [])
        P.units = [U_ENV, GOV_OF[county]] + extra
        P.solved = chance(r, 0.3)

    def body(self, P, c, r):
        a = P.a
        nm = wchoice(r, a['names'])
        where = mention(P.place, r)
        intro = wchoice(r, [(f'{where}的{nm}', 3), (f'{where}附近有个{nm}', 2), (f'<OURV>旁边的{nm}', 2), (f'{nm}（{where}）', 0.6)])
        details = ['村民身体都受影响了', '找过镇里和环保，来看了一下就走了', '已经反映很多次了', '听说没有合法手续', '晚上偷偷生产',
                   '周边几个村都受影响']
        demand = wchoice(r, [('依法查处', 3), ('关停这个厂', 1.5), ('督促企业整改', 2), ('派人来现场看看', 1)])
        return [intro] + some(r, a['issues'], 1, 2) + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        return wchoice(r, [('经现场检查，该企业存在废气（粉尘）无组织排放问题，已责令其立即整改，并立案调查', 3),
                           ('经核实，该企业环保手续齐全，现场检查时各项治理设施正常运行，已要求其加强日常管理', 2),
                           ('该点位已纳入重点监管，生态环境部门将开展夜间突击检查', 1.5),
                           ('经核查，该场所未取得相关许可，已责令停产并依法处理', 1)])


class VRoad(Kind):
    key = 'vroad'
    w = (4.0, 3.5, 1.2)
    season = season(may=1.4, jun=1.6, jul=1.6, aug=1.5, rest=0.9)
    pushback = 0.25
    recur = 0.3
    gap = (10, 40)

    def setup(self, P, W, r):
        P.place = W.rural(with_group=0.75)
        c, t, v = P.place['county'], P.place['town'], P.place['village']
        if chance(r, 0.7):
            groups = W.natural_villages(c, t, v)
            g = pick(r, groups)
            gl = f_group(g, r)
            desc = [(f'{v}到{gl}的村道', 3), (f'{v}通往{gl}的水泥路', 2), (f'{gl}那条村道', 1.5), (f'{v}委门口那段路', 1)]
            P.units = [U_TRANSPORT, GOV_OF[c], U_RURAL]
            P.a = {'desc': desc, 'county_road': False}
        else:
            others = [x for x in W.towns[c] if x != t] or [t]
            t2 = pick(r, others)
            desc = [(f'{t}至{t2}的公路', 3), (f'{t[:-1]}到{t2[:-1]}那条路', 2), (f'{t}往{t2}方向的县道', 1.5), (f'{t}{t2}公路{v}段', 1)]
            P.units = [U_TRANSPORT, U_ROADS, GOV_OF[c]]
            P.a = {'desc': desc, 'county_road': True}
        P.a['issues'] = r.sample(['坑坑洼洼，到处都是烂坑', '下雨天全是泥水，摩托车经常摔倒', '路基塌方了一大块', '被拉石头的大货车压烂了',
                                  '修了一半就停工了', '路面开裂下沉', '路太窄会车很危险，也没有护栏', '路边排水沟堵了，水都漫到路上'], 3)
        P.solved = chance(r, 0.3)

    def body(self, P, c, r):
        a = P.a
        d = wchoice(r, a['desc'])
        where = mention(P.place, r) if chance(r, 0.5) else ''
        intro = wchoice(r, [(f'{where}{d}', 3), (f'{d}（{where or P.place["village"]}）', 0.5)])
        fruit = '沙田柚' if P.place['county'] == '容县' else pick(r, ['荔枝', '龙眼', '百香果', '砂糖橘', '香蕉'])
        details = ['小孩上学天天走这条路', '已经有人摔伤了', '村里老人出行很不方便', '好几年都没修过', '村委说没有资金',
                   f'{fruit}都运不出去', '救护车都进不来']
        demand = wchoice(r, [('尽快修复道路', 3), ('安排资金把路修好', 2), ('派人来看看这条路', 1.5), ('给<WE>修条好路', 1)])
        return [intro] + some(r, a['issues'], 1, 2) + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('经现场查看，该路段确有破损，已列入今年农村公路养护计划，预计下半年实施修复', 3),
                           ('已安排养护人员对坑槽进行临时修补，确保通行安全', 2),
                           ('该道路属村道，由村民委员会负责日常养护，镇政府将协调资金逐步改善', 2),
                           ('已督促运输企业对压坏路面进行修复，并在路口设置限高限重设施', 1)])


def water_co(place, r):
    cs = COUNTY_SHORT[place['county']]
    if place['t'] == 'rural':
        return wchoice(r, [(f"{place['town']}水厂", 3), ('水厂', 2), ('自来水公司', 1)])
    return wchoice(r, [('自来水公司', 4), (f'{cs}自来水公司', 2), ('水务公司', 1.5), ('供水公司', 1)])


class Water(Kind):
    key = 'water'
    relapse = True
    w = (3.5, 3.5, 2.0)
    season = S_SUMMER
    burst = 0.6
    pushback = 0.12
    recur = 0.2
    CHRONIC = ['经常停水，一个月停好几次', '水压太低，五楼以上都没水', '自来水发黄浑浊，有异味', '农村饮水管道爆了好几天没人修',
               '水表走得特别快，水费比以前高了一倍', '晚上用水高峰就没水']

    def setup(self, P, W, r):
        x = r.random()
        if x < 0.5:
            P.place = W.urban(estate=W.estate(pick_county(r, urban=True)))
        elif x < 0.7:
            P.place = W.urban(pick_county(r, urban=True))
        else:
            P.place = W.rural(with_group=0.5)
        P.a = {'sub': pick(r, self.CHRONIC), 'hours': r.randint(5, 40)}
        if P.place['t'] == 'rural':
            P.units = [GOV_OF[P.place['county']], U_RURAL, U_HOUSING]
            if P.a['sub'].startswith('水压') or P.a['sub'].startswith('晚上'):
                P.a['sub'] = '村里自来水时有时无'
        else:
            P.units = [U_HOUSING, GOV_OF[P.place['county']], U_SASAC]
        P.solved = chance(r, 0.7)

    def body(self, P, c, r):
        where = mention(P.place, r)
        wc = water_co(P.place, r)
        if P.pattern == 'burst':
            h = max(1, P.a['hours'] + int((c.dt - P.t0).total_seconds() // 3600))
            intro = wchoice(r, [(f'{where}从今天早上开始停水', 2), (f'{where}已经停水{h}个小时了', 3), (f'{where}昨晚开始就没水', 2),
                                (f'{where}突然停水', 2)])
            issue = pick(r, ['停水也没有提前通知', '水龙头一滴水都没有', f'打{wc}电话一直占线', f'问{wc}说是管道爆了，也不说什么时候来水'])
        else:
            intro = f'{where}{P.a["sub"]}'
            issue = pick(r, [f'找过{wc}好几次都没解决', '已经持续很长时间了', f'{wc}来看过说是管网老化', ''])
        details = ['家里老人小孩要洗澡做饭', '天气这么热没水怎么过', '也没有安排送水车', '问物业说是市政管网的问题', '小孩明天还要上学']
        demand = wchoice(r, [('尽快恢复供水', 4 if P.pattern == 'burst' else 1), ('解决用水问题', 2), (f'督促{wc}尽快处理', 2),
                             ('给个准确的来水时间', 1.5 if P.pattern == 'burst' else 0)])
        return [intro, issue] + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        if P.pattern == 'burst':
            return wchoice(r, [('经核实，停水系供水主管爆管抢修所致，已于当日恢复供水', 3),
                               ('因管网改造计划停水，供水企业已在小区张贴通知，已于次日恢复供水', 2),
                               ('已协调供水企业安排送水车送水，抢修完成后恢复供水', 1.5)])
        return wchoice(r, [('经现场检测，该区域末端水压偏低，已列入管网改造计划', 2),
                           ('已对该区域管道进行冲洗，水质检测结果符合国家标准', 1.5),
                           ('经核实，该村饮水工程管道破损，镇政府已安排维修', 1.5)])


class Power(Kind):
    key = 'power'
    relapse = True
    w = (3.0, 3.0, 1.2)
    season = S_SUMMER
    burst = 0.6
    recur = 0.25
    CHRONIC = ['电压太低，空调冰箱都带不动', '经常跳闸停电', '电线老化，垂得很低，很危险', '变压器嗡嗡响，离房子太近',
               '一打雷就停电', '电压不稳，烧坏了好几个电器']

    def setup(self, P, W, r):
        P.place = W.rural(with_group=0.6) if chance(r, 0.6) else (
            W.urban(estate=W.estate(pick_county(r, urban=True))) if chance(r, 0.6) else W.urban(pick_county(r, urban=True)))
        P.a = {'sub': pick(r, self.CHRONIC)}
        P.units = [GOV_OF[P.place['county']], U_MIIT, U_NDRC]
        P.solved = chance(r, 0.65)

    def body(self, P, c, r):
        where = mention(P.place, r)
        ps = wchoice(r, [(f"{P.place['town']}供电所", 2 if P.place['t'] == 'rural' else 0.3), ('供电局', 3), ('供电公司', 1.5), ('电力公司', 1)])
        if P.pattern == 'burst':
            intro = wchoice(r, [(f'{where}从下午开始停电', 2), (f'{where}停电好几个小时了', 3), (f'{where}半夜突然停电', 1.5),
                                (f'{where}又停电了', 1.5)])
            issue = pick(r, [f'打{ps}电话打不通', '没有任何停电通知', '这么热的天没有电根本没法睡', '冰箱里的东西都坏了'])
        else:
            intro = f'{where}{P.a["sub"]}'
            issue = pick(r, [f'跟{ps}反映过很多次了', '已经一两年了', f'{ps}说要等改造', ''])
        details = ['家里有老人，天热受不了', '做生意的冷柜都停了', '小孩要写作业',
                   '隔壁村都有电就<OURV>没电' if P.place['t'] == 'rural' else '电梯都停了，老人下不了楼']
        demand = wchoice(r, [('尽快恢复供电', 4 if P.pattern == 'burst' else 0.5), ('解决用电问题', 2), (f'督促{ps}改造线路', 1.5)])
        return [intro, issue] + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        if P.pattern == 'burst':
            return wchoice(r, [('经核实，停电系线路故障引起，供电部门已于当日抢修恢复供电', 3),
                               ('因雷雨天气造成线路跳闸，已恢复供电', 2), ('因配网改造计划停电，已提前通过短信和公告告知', 1)])
        return wchoice(r, [('已将该台区列入配网改造计划，将新增变压器解决低电压问题', 2),
                           ('供电所已到现场检查，更换了老化线路', 2), ('已协调供电部门对该处线路进行整改', 1.5)])


class Light(Kind):
    key = 'light'
    relapse = True
    w = (5.0, 2.5, 0.3)
    pushback = 0.2
    recur = 0.3
    gap = (7, 30)

    def setup(self, P, W, r):
        sib = W.sibling('light', 0.35)
        if chance(r, 0.3) and not sib:
            P.place = W.rural(with_group=0.7)
            P.a = {'rural': True}
            P.units = [GOV_OF[P.place['county']], U_RURAL, U_TRANSPORT]
        else:
            if sib:
                P.place = dict(sib)
                P.place['no'] = r.randint(1, 420)
                P.place['lm'] = pick(r, LANDMARKS[sib['county']]) if chance(r, 0.5) else None
            else:
                P.place = W.urban(pick_county(r, urban=True))
            county = P.place['county']
            road2 = pick(r, [x for x in ROADS[county] if x != P.place['road']] or ROADS[county])
            n1 = r.randint(1, 300)
            P.place['seg'] = pick(r, [f'与{road2}交叉口', f'{n1}号至{n1 + r.randint(20, 120)}号路段', '桥头那段', '东段', '西段', '南段', '北段',
                                      f'往{road2}方向那段'] + ([f"{P.place['lm']}路段"] if P.place.get('lm') else []))
            P.a = {'rural': False}
            P.units = [U_URBAN, GOV_OF[county], U_HOUSING]
            W.remember('light', P.place)
        P.a['n'] = r.randint(3, 30)
        P.solved = chance(r, 0.7)

    def body(self, P, c, r):
        where = mention(P.place, r)
        if P.a['rural']:
            intro = wchoice(r, [(f'{where}的太阳能路灯坏了一大半', 3), (f'{where}村道的路灯从装好就没亮过几天', 1.5), (f'{where}路灯不亮', 3)])
        else:
            n = P.a['n']
            intro = wchoice(r, [(f'{where}路灯不亮', 4), (f'{where}一整排路灯都不亮', 2), (f'{where}的路灯坏了{count_phrase(r, n, ("盏", "支", "个"))}', 2),
                                (f'{where}路灯晚上时亮时不亮', 1.5), (f'{where}路灯杆被车撞歪了', 0.5)])
        details = ['晚上黑漆漆的，行人很不安全', '已经坏了半个多月', '前几天还有人在那里摔倒', '晚上下班回家要经过，很害怕',
                   '附近有学校，学生晚自习回家很危险', '电动车晚上经过看不清路']
        demand = wchoice(r, [('尽快维修路灯', 4), ('派人来修一下', 2), ('把路灯修好', 2)])
        return [intro] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('已安排路灯维修人员到现场检修，故障路灯已恢复照明', 4),
                           ('经查，该路段路灯因电缆被盗导致不亮，已报警并安排重新敷设电缆', 1),
                           ('该路段路灯尚未移交城管部门管养，已协调建设单位尽快维修', 1.5),
                           ('已将情况转镇政府，由村委会组织维修太阳能路灯', 1.5 if P.a['rural'] else 0)])


class Build(Kind):
    key = 'build'
    w = (3.5, 3.0, 0.8)
    pushback = 0.35
    recur = 0.25
    individual = True
    home_mode = 'same'
    URB = ['楼顶加建了一层铁皮房', '把一楼院子扩建成房间', '在绿化带上搭了铁皮棚', '把阳台往外扩了一米多', '把地下室改成了商铺']
    RUR = ['占用耕地建房', '在河堤上建房', '建房占了<HOME>的宅基地', '建房把巷道堵死了', '在公路边违规搭建铁皮房']

    def setup(self, P, W, r):
        if chance(r, 0.5):
            e = W.estate(pick_county(r, urban=True))
            P.place = W.urban(estate=e)
            P.place['bldg'] = r.randint(1, e['nb'])
            P.a = {'sub': pick(r, self.URB), 'who': [(f'{f_bldg(r, e, P.place["bldg"], extra=False)}{r.randint(2, 30)}0{r.randint(1, 4)}的业主', 2),
                                                      ('有业主', 2), ('楼上住户', 1)]}
            P.units = [U_URBAN, U_HOUSING, GOV_OF[e['county']]]
        else:
            P.place = W.rural(with_group=0.85)
            nm = W.people.full_name('m')
            P.a = {'sub': pick(r, self.RUR), 'who': [(f'村民{nm[0]}某', 3), ('邻居' + nm, 2), (nm, 1), (f'{nm[0]}某某', 1)]}
            P.units = [U_LAND, U_URBAN, GOV_OF[P.place['county']]]
        P.solved = chance(r, 0.35)

    def body(self, P, c, r):
        who = wchoice(r, P.a['who'])
        where = mention(P.place, r)
        intro = wchoice(r, [(f'{where}{who}{P.a["sub"]}', 3), (f'<I>家住{where}，{who}{P.a["sub"]}', 2)])
        details = ['挡住了<HOME>的采光', '存在安全隐患', '城管来看过，后来又继续建', '已经建到一半了', '跟他协商不听',
                   '村委也不管', '其他人都在看，再不管大家都跟着建']
        demand = wchoice(r, [('依法拆除违法建筑', 3), ('制止违建', 3), ('来现场查处', 2)])
        return [intro] + some(r, details, 1, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('经现场核查，该建筑未办理规划许可手续，已下达责令停止违法行为通知书，并责令限期自行拆除', 3),
                           ('已立案调查，待调查终结后依法处理', 2), ('经核实，当事人已取得农村宅基地建房批准手续，不属于违法建设', 1),
                           ('已组织力量对违建部分进行拆除', 1 if P.solved else 0.2), ('该纠纷属邻里相邻权纠纷，已引导双方通过人民调解解决', 1)])


class Garbage(Kind):
    key = 'garbage'
    relapse = True
    w = (3.5, 2.5, 0.6)
    season = S_SUMMER
    recur = 0.3
    gap = (5, 25)

    def setup(self, P, W, r):
        if chance(r, 0.6):
            P.place = W.rural(with_group=0.7)
            P.a = {'sub': pick(r, ['村里的垃圾池满了半个多月都没人清运', '有人在路边焚烧垃圾', '垃圾堆在河边，一下雨就冲进河里',
                                   '村里没有垃圾桶，大家乱扔', '保洁员很久没来打扫了'])}
            P.units = [GOV_OF[P.place['county']], U_RURAL, U_ENV]
        else:
            P.place = W.urban(pick_county(r, urban=True))
            P.a = {'sub': pick(r, ['垃圾桶满了没人清', '垃圾中转站太臭', '有人在路边乱倒建筑垃圾', '环卫车半夜收垃圾很吵',
                                   '路边的垃圾堆了好几天'])}
            P.units = [U_URBAN, GOV_OF[P.place['county']]]
        P.solved = chance(r, 0.7)

    def body(self, P, c, r):
        where = mention(P.place, r)
        intro = f'{where}{P.a["sub"]}'
        details = ['臭气熏天', '蚊子苍蝇很多', '天气热了更严重', '影响村容村貌', '反映过几次了还是这样', '路过都要捂着鼻子']
        demand = wchoice(r, [('及时清运垃圾', 3), ('管一管', 2), ('整治环境卫生', 2)])
        return [intro] + some(r, details, 1, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('已安排环卫人员对该处垃圾进行清运，并加强日常保洁巡查', 4),
                           ('已在该处设置禁止倾倒垃圾警示牌，并安装监控', 1.5), ('已督促镇保洁公司增加清运频次', 2)])


class Flood(Kind):
    key = 'flood'
    relapse = True
    w = (2.0, 2.5, 1.2)
    season = S_RAIN
    burst = 0.5
    recur = 0.4
    gap = (7, 30)

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        if chance(r, 0.4):
            P.place = W.urban(estate=W.estate(county))
            P.a = {'sub': pick(r, ['地下车库进水，车被泡了', '门口一下雨就水浸，出不了门', '一楼住户家里进水'])}
        else:
            P.place = W.urban(county)
            road2 = pick(r, ROADS[county])
            P.place['seg'] = pick(r, [f'与{road2}交叉口', '桥底', '涵洞', '低洼路段', f"{P.place['lm'] or road2}附近"])
            P.a = {'sub': pick(r, ['一下大雨就水浸街', '积水深到膝盖，车都熄火了', '下水道堵塞，污水往上冒', '积水很深，电动车过不去'])}
        P.units = [U_HOUSING, U_URBAN, GOV_OF[county]]
        P.solved = chance(r, 0.4)

    def body(self, P, c, r):
        where = mention(P.place, r)
        intro = wchoice(r, [(f'{where}{P.a["sub"]}', 3), (f'今天下大雨，{where}{P.a["sub"]}', 2 if P.pattern == 'burst' else 0.5)])
        details = ['每年都这样', '排水管太小了', '下水道口被垃圾堵住了', '行人只能蹚水过', '已经反映过好几年了', '上次有人电动车摔倒']
        demand = wchoice(r, [('彻底解决内涝问题', 2), ('疏通下水道', 3), ('改造排水管网', 1.5)])
        return [intro] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('已安排抽排设备现场抽水，并组织人员清理雨水口', 3), ('该路段已列入城市排水防涝改造项目，计划今年汛期后实施', 2),
                           ('已对该处排水管道进行疏通清淤', 2)])


def school_name(r, place):
    c = place['county']
    cs = COUNTY_SHORT[c]
    if place['t'] == 'rural':
        t, v = place['town'], place['village']
        return wchoice(r, [(f'{t}中心小学', 3), (f'{t}初级中学', 2), (f'{v}小学', 2), (f'{t}第一初级中学', 1)])
    city = '玉林市' if c == '玉州区' else (cs + ('市' if c == '北流市' else ('区' if c == '福绵区' else '县')))
    n = r.randint(1, 12)
    return wchoice(r, [(f'{city}第{cn_num(n)}小学', 3), (f'{city}第{cn_num(n)}中学', 2), (f'{city}实验小学', 1), (f'{city}第{cn_num(n)}初级中学', 1),
                       (f'{city}{place["road"][:2]}小学', 1)])


class School(Kind):
    key = 'school'
    w = (3.5, 2.5, 0.8)
    season = S_SCHOOL
    pushback = 0.15
    recur = 0.15
    SUBS = ['seat', 'fee', 'bus', 'canteen', 'tutor', 'teacher', 'gate']

    def setup(self, P, W, r):
        P.place = W.urban(pick_county(r, urban=True)) if chance(r, 0.6) else W.rural(with_group=0.2)
        sch = school_name(r, P.place)
        short = sch.replace('玉林市', '市').replace('初级中学', '中')
        P.a = {'sch': [(sch, 4), (short, 2), (sch.replace('第', ''), 0.5)], 'sub': pick(r, self.SUBS),
               'fee': pick(r, [80, 120, 150, 200, 260, 300, 450, 600])}
        sub = P.a['sub']
        P.individual = sub == 'seat'
        P.units = [GOV_OF[P.place['county']]] + ([U_MARKET] if sub in ('fee', 'canteen') else []) + (
            [U_HEALTH] if sub == 'canteen' else []) + ([U_POLICE, U_TRANSPORT] if sub in ('bus', 'gate') else [])
        P.solved = chance(r, 0.5)

    def body(self, P, c, r):
        a = P.a
        sch = wchoice(r, a['sch'])
        s = a['sub']
        if s == 'seat':
            issue = [pick(r, [f'<I>家孩子今年上{pick(r, ["一年级", "初一"])}', '<I>小孩今年秋季入学']),
                     pick(r, [f'<WE>买的房子明明在{sch}学区，却被分到很远的学校', f'按规定应该在{sch}读书，现在说学位满了', '材料都交齐了还没有学位'])]
            demand = '解决孩子入学问题'
        elif s == 'fee':
            issue = [f'{sch}', pick(r, [f'让每个学生交{a["fee"]}元资料费', f'强制学生订校服，一套{a["fee"]}元', f'课后服务费每学期收{a["fee"]}元，说是自愿其实是强制',
                                        f'班主任让家长交班费{a["fee"]}元'])]
            demand = '查处学校乱收费'
        elif s == 'bus':
            issue = [f'{sch}接送学生的面包车', pick(r, ['严重超载，一辆车塞十几个小孩', '没有资质，司机开得很快', '车况很差'])]
            demand = '查处非法接送学生车辆'
        elif s == 'canteen':
            issue = [f'{sch}食堂', pick(r, ['饭菜质量很差，价格又贵', '孩子吃了拉肚子', '饭菜里吃出虫子', '卫生条件很差'])]
            demand = '检查学校食堂'
        elif s == 'tutor':
            issue = [f'{sch}附近的午托机构', pick(r, ['一个房间住二三十个孩子，没有消防设施', '没有办证', '收费高伙食差'])]
            demand = '规范午托机构管理'
        elif s == 'teacher':
            issue = [f'{sch}有老师', pick(r, ['在校外搞有偿补课，不去补课的学生被区别对待', '体罚学生', '上课不讲重点，让学生去他家补课'])]
            demand = '调查处理'
        else:
            issue = [f'{sch}门口', pick(r, ['上下学时段车辆乱停，堵得水泄不通', '没有斑马线和减速带，孩子过马路很危险', '流动摊贩卖三无零食'])]
            demand = '整治学校门口交通秩序'
        details = ['家长意见很大', '跟学校反映过没用', '希望教育局管一管', '其他家长也不敢出声']
        return issue + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        return wchoice(r, [('经教育主管部门核实，已责令学校立即整改，并退还违规收取的费用', 1.5 if P.a['sub'] == 'fee' else 0.2),
                           ('已将诉求转属地教育局调查核实，并要求学校做好家长沟通解释工作', 3),
                           ('经核实，诉求人子女已按片区划分安排至就近学校就读，已向家长做好政策解释', 2 if P.a['sub'] == 'seat' else 0),
                           ('已联合交警、市场监管部门对学校周边开展专项整治', 1.5 if P.a['sub'] in ('gate', 'bus', 'tutor') else 0.2)])


class Dibao(Kind):
    key = 'dibao'
    w = (3.5, 2.5, 0.0)
    individual = True
    home_mode = 'self'
    pushback = 0.15
    recur = 0.2
    gap = (10, 45)
    SUBS = ['apply', 'cancel', 'unfair', 'tekun', 'disab', 'house']

    def setup(self, P, W, r):
        sib = W.sibling('dibao', 0.35)
        if sib:
            P.place = dict(sib)
            if sib['t'] == 'rural' and chance(r, 0.5):
                P.place['grp'] = pick(r, W.natural_villages(sib['county'], sib['town'], sib['village']))
        else:
            P.place = W.rural(with_group=0.85) if chance(r, 0.8) else W.urban(pick_county(r, urban=True))
        sub = pick(r, self.SUBS)
        rel = wchoice(r, [('', 3), ('父亲', 2), ('母亲', 2), ('哥哥', 0.7 if sub != 'tekun' else 0), ('儿子', 0.6 if sub != 'tekun' else 0),
                          ('奶奶', 0.5)])
        gender = 'f' if rel in ('母亲', '奶奶') else 'm'
        P.a = {'sub': sub, 'rel': rel, 'subject': W.people.full_name(gender),
               'age': r.randint(62, 88) if rel in ('父亲', '母亲', '奶奶') or sub == 'tekun' else r.randint(35, 60),
               'ill': pick(r, ['患有尿毒症', '中风瘫痪在床', '患有精神疾病', '腿脚残疾', '患癌症在化疗', '身体不好干不了重活'])}
        P.units = [GOV_OF[P.place['county']], U_RURAL] + ([U_HOUSING] if P.a['sub'] == 'house' else [])
        P.solved = chance(r, 0.4)
        W.remember('dibao', P.place)

    def body(self, P, c, r):
        a = P.a
        where = mention(P.place, r)
        who = ('<MY>' + a['rel'] + (a['subject'] if chance(r, 0.5) else '')) if a['rel'] else '<I>'
        intro = wchoice(r, [(f'{who}是{where}人', 2 if P.place['t'] == 'rural' else 0), (f'{who}家住{where}', 1), (f'{who}今年{a["age"]}岁，{a["ill"]}', 3),
                            (f'{who}{a["ill"]}', 2)])
        s = a['sub']
        issue = {'apply': ['家庭非常困难', pick(r, ['申请低保村委一直不给报', '申请了两次低保都没批', '交了低保申请材料半年都没有消息'])],
                 'cancel': [pick(r, ['今年低保突然被取消了', '低保被停发了三个月', '复核的时候说不符合条件就把低保取消了']), '家里情况根本没有变好'],
                 'unfair': ['家里这么困难评不上低保', pick(r, ['村里有人家里有车有楼房还吃低保', '村干部的亲戚都评上了', '评低保不公开不公平'])],
                 'tekun': [pick(r, ['无儿无女一个人生活', '老伴去世了，一个人住在旧房子里']), '申请特困供养一直没有批下来'],
                 'disab': ['有残疾证', pick(r, ['残疾人两项补贴从去年开始就没发了', '残疾补贴一直没有领到', '重度残疾护理补贴没有到账'])],
                 'house': ['住的是泥砖房，下雨就漏', pick(r, ['申请危房改造一直没批', '危房改造补助款到现在还没发', '房子裂了很危险，村委说没有指标'])],
                 }[s]
        details = ['<WE>家就靠一点低保过日子', '问村委说要等镇里', '镇民政办让<I>回去等通知', '孩子还在读书，家里没有收入来源',
                   '医药费都是借的']
        demand = wchoice(r, [('帮忙核实<HOME>的情况', 3), ('重新审核', 2), ('给个说法', 1.5), ('帮助解决实际困难', 2)])
        return [intro] + issue + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        sub = P.a['sub']
        if sub == 'disab':
            return wchoice(r, [('经核实，诉求人残疾人两项补贴因年度资格认证未完成暂停发放，现已补办认证并恢复发放', 3),
                               ('已转县残联核实，补贴将于下月补发到位', 2)])
        if sub == 'house':
            return wchoice(r, [('经住建部门组织鉴定，诉求人住房为C级危房，已列入今年农村危房改造计划', 2),
                               ('经核实，诉求人危房改造补助资金已拨付至镇财政所，近期发放到位', 2)])
        return wchoice(r, [('经镇民政办入户核查，诉求人家庭收入超过当地低保标准，不符合低保条件，已向其做好政策解释', 2.5),
                           ('经核实，诉求人符合条件，已按程序纳入低保保障范围，从下月起发放', 2 if P.solved else 0.5),
                           ('诉求人已提交申请，目前正在进行家庭经济状况核对，审核结果将及时告知', 2),
                           ('已安排乡镇干部入户走访，为其申请临时救助', 1.5)])


class Pension(Kind):
    key = 'pension'
    w = (3.5, 2.0, 0.0)
    individual = True
    home_mode = 'self'
    pushback = 0.2
    gap = (10, 40)
    SUBS = ['pension_late', 'pension_years', 'medical_claim', 'medical_pay', 'elderly', 'veteran', 'job_injury']

    def setup(self, P, W, r):
        P.place = W.rural(with_group=0.6) if chance(r, 0.6) else W.urban(pick_county(r, urban=True))
        P.a = {'sub': pick(r, self.SUBS), 'age': r.randint(58, 86), 'amt': r.randint(3, 150) * 100,
               'hosp': pick(r, ['市一医院', '市红会医院', f"{COUNTY_SHORT[P.place['county']]}人民医院", '广州的医院', '南宁的医院', '中医院'])}
        P.units = [GOV_OF[P.place['county']], U_HEALTH] + ([U_GOV] if chance(r, 0.1) else [])
        P.solved = chance(r, 0.5)

    def body(self, P, c, r):
        a = P.a
        where = mention(P.place, r)
        s = a['sub']
        issue = {
            'pension_late': [f'<I>今年{a["age"]}岁', pick(r, ['这个月的养老金到现在还没到账', '城乡居民养老金停发了两个月', '养老金突然少了一百多块'])],
            'pension_years': [pick(r, ['<I>以前在乡镇企业上过班', '<I>在外地交过几年社保']), pick(r, ['社保缴费年限少算了好几年', '转移社保关系办了半年都没办好'])],
            'medical_claim': [f'<I>在{a["hosp"]}住院花了{money_phrase(r, a["amt"] * 30)}', pick(r, ['回来报销说材料不齐', '医保报销比例太低', '异地就医报不了'])],
            'medical_pay': [pick(r, ['今年交医保的时候', '给家里人交医保']), pick(r, ['系统显示已扣款但是医保卡不能用', '重复扣了两次医保费', '医保卡被冻结了'])],
            'elderly': [f'<MY>家老人今年{a["age"] + 10 if a["age"] < 80 else a["age"]}岁', pick(r, ['高龄津贴一直没发', '高龄补贴从去年开始就没有了'])],
            'veteran': ['<I>是退伍军人', pick(r, ['优抚金一直没有调整', '参战老兵的补助没有落实', '退役军人的待遇问了几个部门都说不清楚'])],
            'job_injury': [pick(r, ['<I>在厂里干活受了工伤', '<I>去年在工地摔断了腿']), pick(r, ['老板不给认定工伤', '工伤赔偿一直拿不到', '厂里没有给<I>买社保'])],
        }[s]
        intro = wchoice(r, [(f'<I>是{where}人', 2 if P.place['t'] == 'rural' else 0), (f'<I>住在{where}', 1), ('', 2)])
        details = ['问了社保局说要回村里开证明', '跑了好几趟都没办好', '<I>年纪大了来回跑不动', '打电话一直没人接']
        demand = wchoice(r, [('帮忙查一下', 3), ('尽快处理', 2), ('给个明确答复', 2)])
        return [x for x in [intro] + issue if x] + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        return wchoice(r, [('经查询，诉求人养老金已于本月补发到账，已电话告知', 1.5 if P.a['sub'].startswith('pension') else 0.2),
                           ('已联系诉求人说明报销政策，并指导其补充相关材料', 2 if P.a['sub'].startswith('medical') else 0.2),
                           ('已转县（市、区）相关部门核实处理，并向诉求人做好政策解释', 3), ('经核实，诉求人情况属实，已按程序办理', 1.5)])


class Land(Kind):
    key = 'land'
    w = (2.5, 2.5, 0.6)
    season = S_HARVEST
    pushback = 0.3
    recur = 0.3
    individual = True
    home_mode = 'self'
    gap = (10, 50)

    def setup(self, P, W, r):
        P.place = W.rural(with_group=0.9)
        other = W.people.full_name('m')
        g2 = pick(r, W.natural_villages(P.place['county'], P.place['town'], P.place['village']))
        P.a = {'sub': pick(r, ['homestead', 'collective', 'forest', 'contract', 'boundary']), 'other': other, 'g2': g2,
               'mu': r.randint(1, 40), 'rent': r.randint(2, 60) * 1000}
        P.individual = P.a['sub'] in ('homestead', 'boundary')
        P.units = [GOV_OF[P.place['county']], U_LAND, U_AGRI] + ([U_JUSTICE] if chance(r, 0.3) else [])
        P.solved = chance(r, 0.25)

    def body(self, P, c, r):
        a = P.a
        where = mention(P.place, r)
        o = wchoice(r, [(f"{a['other'][0]}某", 3), (a['other'], 2), (f"邻居{a['other'][0]}某", 1)])
        g2 = f_group(a['g2'], r)
        s = a['sub']
        mu = count_phrase(r, a['mu'], ('亩',))
        issue = {
            'homestead': [f'<I>家在{where}的宅基地', pick(r, [f'被{o}强行占用建房', f'{o}建房多占了<I>家一米多', '有合法的土地证却被人占了'])],
            'collective': [f'{where}的集体土地', pick(r, [f'被村干部私自承包给老板，每年租金{money_phrase(r, a["rent"])}不知去向', '租出去的钱从来没有分给村民', '被人私自卖掉了'])],
            'forest': [f'<WE>{where}的山林', pick(r, [f'和{g2}因为山界发生纠纷', f'被{g2}的人砍了{mu}桉树', '林权证上的面积和实际不一样'])],
            'contract': [f'<I>承包的{mu}责任田', pick(r, ['被村里收回去了也不给补偿', '确权的时候被少登记了', '被人霸占耕种好几年了'])],
            'boundary': [f'<I>家和{o}', pick(r, ['因为田埂地界吵了好几年', '为一条排水沟打起来了', '因为祖坟的位置有纠纷'])],
        }[s]
        details = ['村委调解了几次都没用', '镇里说要等调查', '对方仗着人多欺负人', '<I>有当年的证明材料', '担心会发生冲突']
        demand = wchoice(r, [('主持公道', 2), ('依法处理', 3), ('组织调解', 2), ('查清楚', 1.5)])
        return issue + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('已组织镇国土所、司法所和村委对双方进行调解，双方未能达成一致，已告知诉求人可通过法律途径解决', 3),
                           ('经实地测量核查，已按确权登记结果明确界址，双方表示认可', 1.5), ('该事项属土地权属争议，已告知诉求人向镇政府申请确权处理', 2),
                           ('已责令村委会公开集体土地承包合同及收益使用情况', 1 if P.a['sub'] == 'collective' else 0)])


class Traffic(Kind):
    key = 'traffic'
    relapse = True
    w = (3.5, 2.5, 0.6)
    pushback = 0.2
    recur = 0.2

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        P.place = W.urban(county)
        road2 = pick(r, [x for x in ROADS[county] if x != P.place['road']] or ROADS[county])
        P.place['seg'] = pick(r, [f'与{road2}交叉口', f'和{road2}交汇处', f"{P.place['lm'] or road2}路口"])
        P.a = {'sub': pick(r, ['红绿灯时间太短，老人过马路都走不完', '红绿灯坏了好几天', '车辆乱停乱放，把路都堵了', '没有斑马线，行人过马路很危险',
                               '大货车经常闯红灯', '泥头车撒漏泥土，路上全是泥', '电动车逆行很多', '路口经常堵车，要加个左转灯',
                               '有人占用车位收停车费', '共享电单车乱停堵住人行道'])}
        P.units = [U_POLICE, U_TRANSPORT, U_URBAN] + ([U_HOUSING] if '泥头车' in P.a['sub'] else [])
        P.solved = chance(r, 0.5)

    def body(self, P, c, r):
        where = mention(P.place, r)
        seg = P.place['seg']
        intro = wchoice(r, [(f'{P.place["road"]}{seg}{P.a["sub"]}', 3), (f'{where}{P.a["sub"]}', 2)])
        details = ['上下班高峰特别严重', '已经发生过好几次事故', '附近有学校，很不安全', '交警偶尔来一次，走了又这样']
        demand = wchoice(r, [('整治一下', 2), ('加强管理', 2), ('优化交通设施', 1.5), ('派交警来看看', 1)])
        return [intro] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('交警部门已到现场查看，将对该路口信号灯配时进行优化调整', 2), ('已加强该路段巡逻管控，对违法停车行为依法处罚', 3),
                           ('已将增设交通设施的建议纳入下一步道路交通组织优化方案研究', 1.5)])


class Stall(Kind):
    key = 'stall'
    relapse = True
    w = (3.0, 2.0, 0.6)
    season = S_NIGHTLIFE
    recur = 0.3
    gap = (5, 20)

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        P.place = W.urban(county)
        mk = pick(r, [f"{P.place['road']}农贸市场", f"{P.place['road'][:2]}市场", '菜市场', f"{P.place['lm'] or P.place['road']}夜市"])
        P.a = {'mk': mk, 'sub': pick(r, ['流动摊贩占道经营', '市场门口摆满了卖菜的摊子', '夜市摊位占了整条人行道', '水果摊把车停在路中间卖',
                                         '商铺把货物摆到人行道上'])}
        P.units = [U_URBAN, U_MARKET, GOV_OF[county]]
        P.solved = chance(r, 0.45)

    def body(self, P, c, r):
        where = mention(P.place, r)
        intro = wchoice(r, [(f'{P.a["mk"]}{P.a["sub"]}', 3), (f'{where}{P.a["sub"]}', 2), (f'{where}{P.a["mk"]}门口{P.a["sub"]}', 1)])
        details = ['车辆和行人都过不去', '垃圾污水满地', '早上六七点就开始吵', '城管来了就跑，走了又回来', '救护车消防车都进不去']
        demand = wchoice(r, [('整治占道经营', 3), ('规范管理', 2), ('加强巡查', 1.5)])
        return [intro] + some(r, details, 1, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('已安排执法队员对该路段占道经营行为进行整治，劝离流动摊贩', 3), ('已在该路段实行定人定岗管理，加强早晚高峰巡查', 2),
                           ('已引导摊贩进入市场规范经营', 1.5)])


CONSUMER_BIZ = {
    'gym': (['健身', '健身会所', '健身工作室'], True), 'training': (['教育', '培训学校', '艺术培训中心'], True),
    'beauty': (['美容院', '美容养生馆', '美业'], True), 'market': (['超市', '生活超市', '购物广场'], True),
    'decor': (['装饰公司', '装饰', '装修公司'], False), 'furniture': (['家具城', '全屋定制', '家居'], False),
    'phone': (['手机城', '通讯', '手机店'], False), 'car': (['汽车销售服务有限公司', '4S店', '汽车'], False),
    'driving': (['驾校', '驾驶培训学校', '驾培'], True), 'wedding': (['婚纱摄影', '婚庆', '影楼'], False),
}


class Consumer(Kind):
    key = 'consumer'
    w = (5.0, 3.0, 2.0)
    pushback = 0.2
    recur = 0.1
    home_mode = 'elsewhere'
    gap = (1, 8)

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        typ = wchoice(r, [(k, 3 if v[1] and P.size > 5 else 1) for k, v in CONSUMER_BIZ.items()])
        sfx, collective = CONSUMER_BIZ[typ]
        core = W.next_core()
        P.place = W.urban(county)
        P.a = {'typ': typ, 'name': [(core + sfx[0], 4), (core + sfx[1], 2), (core + sfx[2], 1.5), (core, 1)],
               'paid': pick(r, [980, 1680, 2000, 2800, 3600, 5000, 6800, 8000, 12000, 26000]),
               'run': collective and (P.size > 3 or chance(r, 0.3))}
        P.individual = not P.a['run']
        P.units = [U_MARKET, U_COMMERCE] + ([U_POLICE] if P.a['run'] else [])
        P.solved = chance(r, 0.5)

    def body(self, P, c, r):
        a = P.a
        nm = wchoice(r, a['name'])
        where = mention(P.place, r) if chance(r, 0.6) else ''
        paid = money_phrase(r, jitter(r, a['paid'], 0.4) if a['run'] else a['paid'])
        if a['run']:
            at = f'{where}的{nm}' if where else nm
            if a['typ'] in ('training', 'driving'):
                intro = wchoice(r, [(f'<I>在{at}报名交了{paid}学费', 3), (f'<I>给孩子在{at}交了{paid}', 2 if a['typ'] == 'training' else 0),
                                    (f'{where}{nm}', 1)])
            else:
                intro = wchoice(r, [(f'<I>在{at}办了{paid}的卡', 3), (f'<I>在{nm}充值了{paid}', 2), (f'{where}{nm}', 1.5)])
            issue = pick(r, ['现在老板跑路了，店门都关了', '突然关门，电话也打不通', '说是装修暂停营业，一个多月都没开门', '老板说转让给别人了，新老板不认'])
            details = ['有几百个会员都被骗了' if a['typ'] not in ('training', 'driving') else '几百个学员的钱都没退', '卡里还有很多钱没用完' if a['typ'] not in ('training', 'driving') else '课才上了几节', '会员群里大家都在找老板', '报警了说属于经济纠纷', '临关门前还在推销办卡']
            demand = wchoice(r, [('帮忙追回预付款', 3), ('查处老板卷款跑路', 2), ('维护消费者权益', 1.5)])
        else:
            intro = wchoice(r, [(f'<I>在{where}{nm}', 2), (f'<I>{month_phrase(r, c.dt.date() - _dt.timedelta(days=40), c.dt)}在{nm}', 2)])
            issue = pick(r, {
                'decor': [f'签了装修合同交了{paid}定金，到现在都不开工', '装修质量很差，墙面开裂、漏水，不给返修'],
                'furniture': [f'定做的柜子花了{paid}，尺寸不对还不给退', '买的沙发用了一个月就坏了，商家推脱'],
                'phone': [f'买了一台{paid}的手机，用了几天就黑屏，不给换', '被推销办了合约机，每个月多扣钱'],
                'car': [f'买车交了{paid}订金，迟迟不交车还要加价', '新车有质量问题，4S店不给处理'],
                'wedding': [f'交了{paid}拍婚纱照，照片拖了几个月不给', '婚庆服务跟合同约定的不一样'],
            }.get(a['typ'], [f'交了{paid}，商家不履行约定', '退款一直拖着不给']))
            details = ['有合同和付款记录', '找商家协商多次没有结果', '商家态度很差', '打12315也没解决']
            demand = wchoice(r, [('帮忙协调退款', 3), ('维护<I>的合法权益', 2), ('查处商家', 1.5)])
        return [intro, issue] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        if P.a['run']:
            return wchoice(r, [('经核实，该经营者已停止营业，市场监管部门已对其立案调查，并告知消费者可向公安机关报案', 3),
                               ('已组织消费者登记预付卡余额，协调经营者制定退款方案', 2)])
        return wchoice(r, [('经市场监管部门调解，商家同意退还诉求人部分款项，双方达成一致', 3),
                           ('经调解双方未达成一致，已告知诉求人可通过诉讼途径解决', 2), ('已约谈商家，要求其按合同约定履行义务', 1.5)])


class Bus(Kind):
    key = 'bus'
    w = (2.0, 1.2, 0.2)
    pushback = 0.1

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        P.place = W.urban(county) if chance(r, 0.7) else W.rural(county, with_group=0.2)
        n = r.randint(1, 45) if county == '玉州区' else r.randint(1, 12)
        if P.place['t'] == 'rural':
            route = [(f"{P.place['town']}到{COUNTY_SHORT[county]}的班车", 3), (f"{P.place['town'][:-1]}班车", 2), ('农村客运班车', 1)]
        else:
            route = [(f'{n}路公交车', 4), (f'{n}路公交', 3), (f'{n}路车', 2)]
        P.a = {'route': route, 'sub': pick(r, ['班次太少，等了一个多小时', '司机态度恶劣', '不按站点停车', '到站不停', '提前收班',
                                                '车上空调不开', '票价乱收费', '司机开车玩手机'])}
        P.units = [U_TRANSPORT]
        P.solved = chance(r, 0.6)

    def body(self, P, c, r):
        route = wchoice(r, P.a['route'])
        when = f'{c.dt.month}月{c.dt.day}日' if chance(r, 0.4) else pick(r, ['今天', '昨天', '今天早上', '最近'])
        intro = wchoice(r, [(f'{route}{P.a["sub"]}', 3), (f'{when}<I>坐{route}，{P.a["sub"]}', 2)])
        details = ['很多乘客都有意见', '老人小孩都在等', f'车牌是桂K{"".join(pick(r, "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(5))}']
        demand = wchoice(r, [('加强管理', 3), ('处理司机', 1.5), ('增加班次', 1.5)])
        return [intro] + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        return wchoice(r, [('已转公交公司调查核实，对涉事驾驶员进行批评教育', 3), ('经核实，该线路因车辆检修临时减少班次，现已恢复', 1.5),
                           ('已要求客运企业加强驾驶员服务规范培训', 2)])


class Comp(Kind):
    key = 'comp'
    w = (1.5, 2.5, 3.5)
    pushback = 0.3
    recur = 0.35
    gap = (7, 30)

    def setup(self, P, W, r):
        sib = W.sibling('comp', 0.35)
        if sib:
            proj = sib['proj']
            P.place = W.rural(sib['place']['county'], dup_p=0.0, with_group=0.8)
        else:
            P.place = W.rural(dup_p=0.08, with_group=0.8)
            cs = COUNTY_SHORT[P.place['county']]
            base = pick(r, ['玉湛高速', '玉岑高速', '南深高铁', '国道324线改线', f'{cs}工业园', f"{P.place['town']}圩镇改造",
                            f'{cs}城南新区道路', f'{cs}产业园区', f'{cs}物流园']
                        + (['玉林北站站前片区'] if P.place['county'] in ('玉州区', '福绵区') else []))
            proj = [(base, 3), (base + '项目', 3), (base + '工程', 1.5), (base + '建设', 1)]
        P.a = {'proj': proj, 'sub': pick(r, ['unpaid', 'low', 'crack', 'drain', 'grave']), 'mu': r.randint(1, 30),
               'per': pick(r, [1.8, 2.2, 2.6, 3.0, 3.5, 4.2])}
        P.units = [U_LAND, GOV_OF[P.place['county']]] + ([U_HWY] if '高速' in proj[0][0] else []) + (
            [U_TRANSPORT] if any(k in proj[0][0] for k in ('高铁', '国道', '道路')) else [])
        P.solved = chance(r, 0.25)
        W.remember('comp', {'proj': proj, 'place': P.place})

    def body(self, P, c, r):
        a = P.a
        proj = wchoice(r, a['proj'])
        where = mention(P.place, r)
        s = a['sub']
        mu = count_phrase(r, a['mu'], ('亩',))
        issue = {
            'unpaid': [f'{proj}征收了<WE>{where}{mu}地', pick(r, ['补偿款到现在都还没发', '说好的补偿款只发了一半', '地都被推平了钱还没到'])],
            'low': [f'{proj}征地', pick(r, [f'补偿标准每亩才{a["per"]}万，太低了', '青苗补偿算得太少', '同样的地别的村补得比<WE>多'])],
            'crack': [f'{proj}施工', pick(r, [f'把<WE>{where}的房子震裂了', '放炮把村民房屋震出裂缝', '大型机械施工导致房屋墙体开裂'])],
            'drain': [f'{proj}施工', pick(r, [f'把{where}的水渠堵了，田都灌不了水', '填土把排水沟埋了，一下雨田就被淹', '弃土堆在农田里'])],
            'grave': [f'{proj}施工', pick(r, ['把<WE>家的祖坟挖了也没通知', '迁坟补偿一直没落实'])],
        }[s]
        details = ['村民去项目部问没人理', '镇里说要等上面拨款', '村干部说不清楚钱去哪了', f'涉及{count_phrase(r, r.randint(10, 120), ("户",))}村民']
        demand = wchoice(r, [('尽快落实补偿', 3), ('给村民一个合理的说法', 2), ('派人来核实', 1.5)])
        return issue + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        sub = P.a['sub']
        return wchoice(r, [('经核实，该项目征地补偿款已拨付至镇财政所，正在按程序发放，预计近期发放到位', 2.5 if sub in ('unpaid', 'grave') else 0),
                           ('补偿标准按自治区公布的区片综合地价执行，已向诉求人做好政策解释', 2 if sub == 'low' else 0),
                           ('已组织镇村干部和项目指挥部到现场核实，将与村民协商处理方案', 1.5),
                           ('已组织施工单位、第三方鉴定机构对房屋受损情况进行鉴定，根据鉴定结果予以赔偿', 1.5 if P.a['sub'] == 'crack' else 0),
                           ('已督促施工单位恢复灌溉沟渠', 1.5 if P.a['sub'] == 'drain' else 0)])


class Medical(Kind):
    key = 'medical'
    w = (2.0, 1.0, 0.0)
    recur = 0.05
    individual = True
    home_mode = 'elsewhere'

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        cs = COUNTY_SHORT[county]
        if county == '玉州区':
            hosp = pick(r, [[('市一医院', 3), ('玉林市第一人民医院', 3), ('一医院', 1)], [('市红会医院', 3), ('玉林市红十字会医院', 3), ('红会', 1)],
                            [('市中医院', 3), ('玉林市中医医院', 2)], [('市妇幼保健院', 3), ('妇幼', 1)], [('市二医院', 3), ('玉林市第二人民医院', 2)]])
            P.place = W.urban(county)
        elif chance(r, 0.6):
            hosp = [(f'{cs}人民医院', 4), (f'{cs}县医院' if county != '北流市' else '北流市人民医院', 1), (f'{cs}中医院', 1)]
            P.place = W.urban(county)
        else:
            P.place = W.rural(county, with_group=0.0)
            hosp = [(f"{P.place['town']}卫生院", 4), (f"{P.place['town'][:-1]}卫生院", 1)]
        P.a = {'hosp': hosp, 'sub': pick(r, ['queue', 'fee', 'attitude', 'misdx', 'refuse']), 'amt': r.randint(8, 400) * 100}
        P.units = [U_HEALTH] + ([GOV_OF[county]] if P.place['t'] == 'rural' else [])
        P.solved = chance(r, 0.5)

    def body(self, P, c, r):
        a = P.a
        h = wchoice(r, a['hosp'])
        issue = {
            'queue': [f'<I>在{h}看病', pick(r, ['排队挂号排了三个多小时', '做个CT要等一个星期', '窗口只开一个'])],
            'fee': [f'<I>家人在{h}住院', pick(r, [f'费用清单里有很多没用过的药，多收了{money_phrase(r, a["amt"])}', '检查项目重复收费', '收费明细看不懂，问了也不解释'])],
            'attitude': [f'{h}的医生', pick(r, ['态度很差，问两句就不耐烦', '看病不到两分钟就开了一堆检查', '护士对病人大吼大叫'])],
            'misdx': [f'<MY>家人在{h}', pick(r, ['被误诊耽误了治疗', '做完手术出现感染，医院推卸责任', '孩子打针后出现过敏反应'])],
            'refuse': [f'{h}', pick(r, ['以没有床位为由拒收病人', '急诊让病人在走廊等了很久', '拒绝给开转院证明'])],
        }[a['sub']]
        demand = wchoice(r, [('调查处理', 3), ('给个说法', 2), ('退还多收的费用', 1.5 if a['sub'] == 'fee' else 0)])
        return issue, demand

    def result(self, P, c, r):
        return wchoice(r, [('已转医院医务科调查核实，医院已与诉求人沟通解释，并对相关人员进行批评教育', 3),
                           ('经核查，相关收费符合规定，已向诉求人逐项解释', 1.5 if P.a['sub'] == 'fee' else 0.3),
                           ('该事项属医疗纠纷，已告知诉求人可申请医疗纠纷人民调解或医疗事故技术鉴定', 2 if P.a['sub'] == 'misdx' else 0.2)])


class River(Kind):
    key = 'river'
    relapse = True
    w = (1.5, 2.0, 1.2)
    season = S_SUMMER
    recur = 0.3
    gap = (7, 30)

    def setup(self, P, W, r):
        P.place = W.rural(with_group=0.5)
        river = pick(r, RIVERS[P.place['county']])
        P.a = {'river': [(river, 4), (river + f"{P.place['village'][:-1] if len(P.place['village']) > 2 else P.place['village']}段", 2),
                         (f'村边的{river}', 1)],
               'sub': pick(r, ['河水发黑发臭', '河里大量死鱼', '有人在河里电鱼', '有人在河道非法采砂', '河面漂满垃圾和水葫芦', '有排污口往河里排污水'])}
        P.units = [U_ENV, GOV_OF[P.place['county']]] + ([U_LAND] if '采砂' in P.a['sub'] else []) + ([U_AGRI] if '鱼' in P.a['sub'] else [])
        P.solved = chance(r, 0.4)

    def body(self, P, c, r):
        rv = wchoice(r, P.a['river'])
        where = mention(P.place, r)
        intro = wchoice(r, [(f'{where}的{rv}{P.a["sub"]}', 3), (f'{rv}（{where}）{P.a["sub"]}', 1), (f'{where}附近{rv}{P.a["sub"]}', 2)])
        details = ['村民以前在河里洗衣服，现在都不敢碰', '河长公示牌上的电话打不通', '晚上偷偷干', '下游的村也受影响', '持续一段时间了']
        demand = wchoice(r, [('查清污染来源', 2), ('依法查处', 3), ('治理好这条河', 1.5)])
        return [intro] + some(r, details, 0, 2), demand

    def result(self, P, c, r):
        return wchoice(r, [('生态环境部门已到现场采样监测，并沿河排查排污口，发现的问题已责令整改', 3), ('已联合农业农村、公安部门开展打击电鱼专项行动', 1),
                           ('已组织河道保洁人员清理河面垃圾及水葫芦', 1.5)])


class Tree(Kind):
    key = 'tree'
    w = (2.0, 1.0, 0.1)
    season = season(jul=2, aug=2.2, sep=1.8, rest=0.8)

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        P.place = W.urban(county)
        P.a = {'sub': pick(r, ['行道树树枝太长挡住了路灯和红绿灯', '台风吹倒的大树几天都没人清理', '路边的树根把人行道顶烂了', '树上有马蜂窝，很危险',
                               '公园健身器材坏了没人修', '公园里的草坪被挖了没恢复', '绿化带的树枯死了也不补种', '树枝压到电线上'])}
        P.units = [U_PARKS, U_URBAN]
        P.solved = chance(r, 0.7)

    def body(self, P, c, r):
        where = wchoice(r, [(mention(P.place, r), 3), (P.place['lm'] + '旁边' if P.place['lm'] else P.place['road'], 1)])
        intro = f'{where}{P.a["sub"]}'
        details = ['存在安全隐患', '行人经过很危险', '下雨天更严重']
        demand = wchoice(r, [('尽快处理', 3), ('派人修剪', 1), ('安排人来看看', 1)])
        return [intro] + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        return wchoice(r, [('园林部门已安排人员到现场修剪树枝并清理', 3), ('已对倒伏树木进行清理，后续将补种', 1.5), ('已安排维修人员更换损坏的健身器材', 1)])


class Hwy(Kind):
    key = 'hwy'
    w = (1.0, 0.8, 0.5)
    pushback = 0.2

    def setup(self, P, W, r):
        P.place = W.rural(with_group=0.5)
        hw = pick(r, ['玉铁高速', '玉湛高速', '广昆高速', '玉岑高速', '梧玉高速'])
        P.a = {'hw': [(hw, 4), (hw + '玉林段', 1), (hw + pick(r, ['收费站', '服务区', '出口']), 2)],
               'sub': pick(r, ['收费站出口经常大排长龙', '高速噪音太大，要求安装隔音屏', '高速涵洞积水，村民过不去', '高速护栏网破了，牛跑上高速',
                               '高速边坡塌方泥土冲到农田', 'ETC多扣费'])}
        P.units = [U_HWY, U_TRANSPORT] + ([GOV_OF[P.place['county']]] if chance(r, 0.5) else [])
        P.solved = chance(r, 0.5)

    def body(self, P, c, r):
        hw = wchoice(r, P.a['hw'])
        where = mention(P.place, r)
        intro = wchoice(r, [(f'{hw}{where}段{P.a["sub"]}', 2), (f'{where}附近的{hw}{P.a["sub"]}', 2), (f'{hw}{P.a["sub"]}', 1)])
        details = ['影响附近村民生活', '已经反映过', '存在安全隐患']
        demand = wchoice(r, [('尽快处理', 3), ('协调解决', 2)])
        return [intro] + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        return wchoice(r, [('已转高速公路运营单位核实处理，运营单位已安排人员现场处置', 3), ('该诉求已纳入高速公路养护计划统筹研究', 1.5)])


class Biz(Kind):
    key = 'biz'
    w = (1.2, 1.5, 1.0)
    pushback = 0.3
    recur = 0.3
    home_mode = 'elsewhere'
    gap = (10, 40)

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        P.place = W.urban(county)
        own = W.firm('biz')
        cs = COUNTY_SHORT[county]
        debtor = pick(r, [f'{cs}某镇政府', f'{cs}城投公司', f'{cs}教育局', f'{cs}住建局', f'{cs}某医院', '某国有企业'])
        P.a = {'own': own, 'debtor': debtor, 'amt': r.randint(20, 900) * 10000, 'year': r.randint(2018, 2023),
               'sub': pick(r, ['arrears', 'arrears', 'approve', 'park'])}
        P.units = [U_BIZENV, GOV_OF[county]] + ([U_SASAC] if '城投' in debtor or '国有' in debtor else []) + (
            [U_NDRC, U_MIIT] if P.a['sub'] != 'arrears' else [])
        P.solved = chance(r, 0.3)

    def body(self, P, c, r):
        a = P.a
        own = wchoice(r, a['own']['aliases'])
        s = a['sub']
        if s == 'arrears':
            intro = wchoice(r, [(f'<I>是{own}的负责人', 2), (f'<MY>公司（{a["own"]["full"]}）', 1), (f'{own}', 1)])
            issue = [f'{a["year"]}年承接了{a["debtor"]}的工程项目', pick(r, [f'工程款{money_phrase(r, a["amt"])}拖欠至今', f'验收结算后还欠{money_phrase(r, a["amt"])}没付']),
                     pick(r, ['公司现在发不出工资', '材料款也欠着供应商的', '多次催要对方都说没钱'])]
            demand = '督促尽快支付拖欠的工程款'
        elif s == 'approve':
            intro = f'<I>是{own}的负责人'
            issue = [pick(r, ['公司厂房的不动产证办了一年多都没办下来', '项目报建审批材料交了好几次，每次都说缺材料', '申请的奖补资金一直没兑现'])]
            demand = '优化办事流程，帮企业解决问题'
        else:
            intro = f'<I>公司在{COUNTY_SHORT[P.place["county"]]}工业园'
            issue = [pick(r, ['园区道路一直没修通，货车进不来', '园区供电不稳定，经常停电影响生产', '当初招商承诺的优惠政策没有兑现'])]
            demand = '落实招商承诺'
        return [intro] + issue, demand

    def result(self, P, c, r):
        return wchoice(r, [('已将该问题纳入清理拖欠企业账款台账，督促债务单位制定还款计划', 3 if P.a['sub'] == 'arrears' else 0.3),
                           ('已协调相关部门召开专题会议，明确办理时限', 2), ('经核实，双方对工程结算金额存在争议，建议企业通过司法途径解决', 1)])


class Police(Kind):
    key = 'police'
    w = (2.0, 1.0, 0.0)
    individual = True
    home_mode = 'self'

    def setup(self, P, W, r):
        P.place = W.rural(with_group=0.5) if chance(r, 0.5) else W.urban(pick_county(r, urban=True))
        P.a = {'sub': pick(r, ['户口迁移手续办了几次都没办好', '补办身份证要回户籍地，很不方便', '被骗了报警后派出所一直没有立案', '电动车被偷报警后没有下文',
                               '孩子上户口派出所要求开各种证明', '被网络诈骗了两万多块，派出所说在查', '邻居家养的狗咬伤了人，报警后不了了之'])}
        P.units = [U_POLICE]
        P.solved = chance(r, 0.5)

    def body(self, P, c, r):
        where = mention(P.place, r)
        ps = f"{P.place['town'][:-2] if P.place['town'].endswith('街道') else P.place['town'][:-1]}派出所"
        intro = wchoice(r, [(f'<I>是{where}的', 1.5), (f'<I>家住{where}', 1), ('', 1.5)])
        details = [f'跑了{ps}好几趟', '工作人员态度不好', '<I>在外地打工请假回来不容易']
        demand = wchoice(r, [('尽快办理', 2), ('给个说法', 1.5), ('依法处理', 2)])
        return [x for x in [intro, P.a['sub']] if x] + some(r, details, 0, 1), demand

    def result(self, P, c, r):
        return wchoice(r, [('已转属地派出所核实，派出所已与诉求人联系并告知办理流程', 3), ('经核实，该案件已受理，正在侦查中，有进展将及时告知', 2)])


class Culture(Kind):
    key = 'culture'
    w = (1.2, 0.6, 0.0)

    def setup(self, P, W, r):
        county = pick_county(r, urban=True)
        P.place = W.urban(county)
        core = W.next_core()
        typ = pick(r, ['net', 'net', 'pool', 'script'])
        P.a = {'nm': {'net': [(core + '网吧', 2), (core + '网咖', 2), (core + '网络会所', 0.5)],
                      'pool': [(core + '游泳馆', 3), (core + '游泳池', 1)],
                      'script': [(core + '剧本杀', 3), (core + '密室逃脱', 1)]}[typ],
               'sub': pick(r, {'net': ['允许未成年人进入上网', '通宵营业还有小孩在里面', '里面抽烟的人很多，没人管'],
                               'pool': ['没有救生员，安全隐患很大', '水很浑浊，小孩游完皮肤过敏'],
                               'script': ['接待未成年人玩恐怖剧本到半夜', '没有消防通道，安全隐患很大']}[typ])}
        P.units = [U_CULTURE, U_POLICE]
        P.solved = chance(r, 0.6)

    def body(self, P, c, r):
        nm = wchoice(r, P.a['nm'])
        intro = f'{mention(P.place, r)}的{nm}{P.a["sub"]}'
        return [intro, pick(r, ['家长都很担心', '影响很坏', ''])], wchoice(r, [('查处', 2), ('加强监管', 2)])

    def result(self, P, c, r):
        return '文化市场综合执法人员已到现场检查，对发现的问题责令整改'


class Gas(Kind):
    key = 'gas'
    w = (1.2, 1.0, 0.5)

    def setup(self, P, W, r):
        e = W.estate(pick_county(r, urban=True))
        P.place = W.urban(estate=e)
        P.a = {'sub': pick(r, ['管道燃气开户费要收3000多元', '燃气公司上门安检强制卖燃气报警器', '燃气管道一直没通，交房两年还用煤气罐',
                               '燃气价格上涨没有听证', '小区附近有人私自储存大量液化气罐'])}
        P.units = [U_HOUSING, U_MARKET] + ([U_SAFETY] if '液化气' in P.a['sub'] else [])
        P.solved = chance(r, 0.4)

    def body(self, P, c, r):
        est = f_estate(P.place['estate'], r)
        intro = wchoice(r, [(f'{est}{P.a["sub"]}', 2), (f'<I>是{est}的业主，{P.a["sub"]}', 2)])
        return [intro, pick(r, ['业主意见很大', '不知道是否合理', '存在安全隐患', ''])], wchoice(r, [('核实处理', 3), ('规范收费', 1)])

    def result(self, P, c, r):
        return wchoice(r, [('已约谈燃气企业，要求其严格按核定标准收费，不得强制搭售', 2), ('已转燃气主管部门核实，燃气企业已与业主沟通解释', 2)])


class Dogs(Kind):
    key = 'dogs'
    relapse = True
    w = (1.5, 0.8, 0.1)

    def setup(self, P, W, r):
        P.place = W.urban(estate=W.estate(pick_county(r, urban=True))) if chance(r, 0.6) else W.rural(with_group=0.6)
        P.a = {'sub': pick(r, ['有人遛狗不拴绳，大狗追着小孩跑', '流浪狗越来越多，已经咬伤了人', '邻居养了几条大狗，整夜乱叫',
                               '有人养烈性犬', '狗到处拉屎没人清理'])}
        P.units = [U_POLICE, U_URBAN] + [GOV_OF[P.place['county']]]
        P.solved = chance(r, 0.4)

    def body(self, P, c, r):
        intro = f'{mention(P.place, r)}{P.a["sub"]}'
        return [intro, pick(r, ['小孩老人都不敢出门', '跟狗主人说了不听', '打过110', ''])], wchoice(r, [('管一管', 2), ('依法处理', 2)])

    def result(self, P, c, r):
        return '已转属地派出所和社区处理，已对犬主进行教育，要求其文明养犬'


KINDS = [Wage(), Cert(), Delay(), Prop(), ShopNoise(), Fume(), SiteNoise(), Farm(), Factory(), VRoad(), Water(), Power(),
         Light(), Build(), Garbage(), Flood(), School(), Dibao(), Pension(), Land(), Traffic(), Stall(), Consumer(), Bus(),
         Comp(), Medical(), River(), Tree(), Hwy(), Biz(), Police(), Culture(), Gas(), Dogs()]


# ---------------------------------------------------------------------------
# When: problem sizes, contact timing, hours of the day
# ---------------------------------------------------------------------------
def sample_size(r):
    x = r.random()
    if x < 0.625:
        return 1
    if x < 0.775:
        return 2
    if x < 0.85:
        return 3
    if x < 0.895:
        return 4
    if x < 0.925:
        return 5
    if x < 0.971:
        return r.randint(6, 10)
    if x < 0.9945:
        return r.randint(11, 19)
    return r.randint(20, 60)


def _cum(ws):
    out, t = [], 0.0
    for w in ws:
        t += w
        out.append(t)
    return out


H_PHONE = _cum([0.25, 0.12, 0.08, 0.05, 0.05, 0.1, 0.3, 0.9, 2.6, 4.0, 4.2, 3.6, 2.2, 2.1, 3.4, 3.6, 3.4, 2.8, 2.0, 1.9,
                1.9, 1.6, 1.0, 0.5])
H_NET = _cum([0.9, 0.5, 0.3, 0.15, 0.1, 0.15, 0.4, 0.9, 1.8, 2.2, 2.2, 2.0, 1.8, 1.6, 1.8, 1.9, 1.9, 1.8, 1.7, 2.0, 2.4,
              2.6, 2.4, 1.6])
H_NIGHT = _cum([3.0, 2.2, 1.2, 0.4, 0.1, 0.1, 0.2, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.4, 0.5, 0.8,
                1.5, 3.0, 3.6])


def pick_hour(r, cum):
    return bisect.bisect_right(cum, r.random() * cum[-1])


def pick_origin(r, seas, span):
    hi = max(0, NDAYS - 1 - int(span) - 1)
    d = r.randint(0, hi)
    if not seas:
        return d
    mx = max(seas)
    for _ in range(40):
        d = r.randint(0, hi)
        if r.random() * mx < seas[(START + _dt.timedelta(days=d)).month - 1]:
            return d
    return d


def schedule(P, r):
    """Day offsets (floats) of the contacts, the pattern, and where a recurrence starts."""
    K, n = P.K, P.size
    P.recur_at = None
    if n == 1:
        P.pattern = 'single'
        return [0.0]
    if K.burst and chance(r, K.burst):
        P.pattern = 'burst'
        return [0.0] + sorted(r.expovariate(1 / 0.35) for _ in range(n - 1))
    if K.key == 'wage' and n >= 3:
        P.pattern = 'campaign'
        centers = [0.0]
        for _ in range(r.randint(0, 2 if n < 15 else 4)):
            centers.append(centers[-1] + r.uniform(4, 35))
        offs = sorted(pick(r, centers) + abs(r.gauss(0, 2.5)) for _ in range(n))
    else:
        P.pattern = 'chronic'
        mean = r.uniform(*K.gap)
        if n >= 12:
            mean = max(1.0, min(mean, 220.0 / n))
        offs = [0.0]
        for _ in range(n - 1):
            offs.append(offs[-1] + r.expovariate(1 / mean))
    base = offs[0]
    offs = [o - base for o in offs]
    if chance(r, K.recur * (1.0 if n >= 3 else 0.5)):
        k = r.randint(1, n - 1) if n < 6 else r.randint(max(1, n // 4), n - 1)
        gap = r.uniform(120, 240)
        offs = offs[:k] + [o - offs[k] + offs[k - 1] + gap for o in offs[k:]]
        P.recur_at = k
    span = offs[-1]
    if span > NDAYS - 3:
        f = (NDAYS - 3) / span
        offs = [o * f for o in offs]
    return offs


# ---------------------------------------------------------------------------
# Who: callers and their homes
# ---------------------------------------------------------------------------
def frequent_callers(W, county):
    """A handful of people per county who ring the hotline about everything around them."""
    key = ('frequent', county)
    if key not in W.recent:
        r = W.r
        lst = []
        for _ in range(r.randint(4, 9)):
            p = W.people.person(county, age=pick(r, ['middle', 'old', 'old']))
            p['frequent'] = True
            p['anon'] = False
            p['home'] = W.urban(county) if chance(r, 0.6) else W.rural(county, dup_p=0.0)
            lst.append(p)
        W.recent[key] = lst
    return W.recent[key]


def home_of(P, W, r):
    mode = P.home_mode
    pl = P.place
    if mode == 'self':
        return dict(pl)
    if mode == 'same':
        h = dict(pl)
        if pl['t'] == 'urban' and pl.get('estate'):
            h['bldg'] = r.randint(1, pl['estate']['nb']) if pl.get('bldg') is None or chance(r, 0.3) else pl['bldg']
        elif pl['t'] == 'rural' and chance(r, 0.4):
            h['grp'] = pick(r, W.natural_villages(pl['county'], pl['town'], pl['village']))
        elif pl['t'] == 'urban' and not pl.get('estate') and chance(r, 0.6):
            h = W.urban(estate=W.estate(pl['county']))
        return h
    if chance(r, 0.75):
        return W.rural(pick_county(r), dup_p=0.05)
    return W.urban(pick_county(r, urban=True))


def cast(P, W, r):
    """The callers of a problem and how often each of them rings."""
    n = P.size
    county = P.place['county']
    if P.individual:
        main = W.people.person(county, age=wchoice(r, [('middle', 3), ('old', 2), ('young', 1.5)]))
        callers, weights = [main], [1.0]
        if n >= 2 and chance(r, 0.3):
            rel = W.people.person(county, age='young')
            rel['name'] = main['name'][0] + rel['name'][1:]
            callers.append(rel)
            weights.append(0.25)
    else:
        if P.pattern == 'burst':
            k = max(1, int(round(n * r.uniform(0.7, 1.0))))
        else:
            k = max(1, int(round(n * r.uniform(0.25, 0.7))))
        callers = [W.people.person(county) for _ in range(k)]
        weights = [1.0 / (i + 1) ** 0.8 for i in range(k)]
        weights[0] = max(weights[0], n * 0.07)
    if chance(r, 0.06):
        callers[0] = pick(r, frequent_callers(W, county))
    homes = [c['home'] if c['frequent'] and c['home'] and chance(r, 0.7) else home_of(P, W, r) for c in callers]
    return callers, weights, homes


# ---------------------------------------------------------------------------
# How it reads: voices, openers, follow-ups, typing habits
# ---------------------------------------------------------------------------
OP_OPEN_I = ['来电人反映其', '来电人称其', '来电人{name}反映其', '诉求人{name}来电称其', '市民来电反映，其', '来电人来电表示其', '来电人反映，其']
OP_OPEN = [('来电人反映：', 6), ('来电反映：', 3), ('市民来电反映，', 3), ('来电人称，', 2), ('{name}来电反映：', 2),
           ('诉求人{name}来电称：', 1.5), ('【来电反映】', 0.7), ('来电人{name}反映，', 1.5), ('来电人反映，', 2),
           ('市民来电：', 1)]
OP_NET_OPEN = [('网友反映：', 3), ('市民通过{ch}反映：', 3), ('诉求人通过{ch}留言反映，', 2), ('{name}通过{ch}反映：', 1.5)]
OP_DEMAND = [('来电人希望相关部门{d}。', 4), ('请相关部门核实并{d}。', 3), ('诉求：{d}。', 2), ('来电人要求{d}。', 2),
             ('望相关部门{d}。', 1), ('来电人请求{d}。', 1), ('来电人诉求：{d}。', 1.5)]
SELF_OPEN = [('', 6), ('你好，', 3), ('您好！', 2), ('领导好！', 1), ('尊敬的领导：', 1), ('12345您好，', 1), ('你好！我想反映一个问题，', 1),
             ('我要投诉，', 1), ('我要反映一下，', 1), ('请问', 0.3)]
SELF_DEMAND = [('希望政府{d}。', 3), ('请相关部门{d}！', 3), ('恳请领导{d}。', 1), ('麻烦{d}，谢谢！', 1.5), ('希望有关部门{d}', 1.5),
               ('{d}！！', 0.8), ('请{d}。', 1.5)]
SELF_END = [('', 6), ('谢谢！', 2), ('谢谢。', 1), ('盼复！', 1), ('急！！', 0.5), ('望尽快回复。', 1), ('再不解决只能去上访了。', 0.3),
            ('麻烦了。', 0.6)]
TYPOS = [('反映', '反应'), ('已经', '以经'), ('噪音', '燥音'), ('部门', '部们'), ('在', '再'), ('账', '帐'), ('那里', '哪里'),
         ('做', '作'), ('希望', '希忘'), ('根本', '跟本'), ('一直', '一只'), ('严重', '严总'), ('的', '地'), ('情况', '情况'),
         ('楼下', '楼底下'), ('没有', '木有'), ('什么', '神马'), ('垃圾', '拉圾')]
TRAD = str.maketrans('这们问题没经请还现说处为个来时车门电话区县镇楼场厂资发声灯业开关长东华绵陆兴龙应该实报过边给让对从钱',
                     '這們問題沒經請還現說處為個來時車門電話區縣鎮樓場廠資發聲燈業開關長東華綿陸興龍應該實報過邊給讓對從錢')
FULLWIDTH = str.maketrans('0123456789', '０１２３４５６７８９')
ASCII_PUNCT = str.maketrans('，。！？：；', ',.!?:;')


def handling_gripe(P, r):
    us = P.units
    u1, u2 = (us[0], us[1]) if len(us) > 1 else (us[0], U_GOV)
    opts = [('相关部门互相推诿', 3), (f'{unit_short(u1)}说不归他们管，让找{unit_short(u2)}', 2),
            ('每次回复都说已处理，实际根本没变化', 2), ('承办单位只打了个电话就没下文了', 1.5), ('回复的内容和实际情况不符', 1)]
    if P.place['t'] == 'rural':
        opts.append(('村委说是镇里管，镇里又说要找县里', 2))
    return wchoice(r, opts)


def fill_voice(text, voice, r):
    if voice == 'self':
        rep = (('<I>', '我'), ('<WE>', '我们'), ('<MY>', '我'), ('<HOME>', '我家'), ('<OURV>', '我们村'))
    else:
        rep = (('<I>', '其'), ('<WE>', '他们'), ('<MY>', '其'), ('<HOME>', '其家'), ('<OURV>', pick(r, ['该村', '其所在村'])))
    for a, b in rep:
        text = text.replace(a, b)
    return text


def join_clauses(clauses, r):
    clauses = [x for x in clauses if x]
    out = clauses[0] if clauses else ''
    for x in clauses[1:]:
        out += ('。' if chance(r, 0.18) else '，') + x
    return out


def sloppy(text, r):
    """Typing habits of web / WeChat / app users."""
    if chance(r, 0.2):
        a, b = pick(r, TYPOS)
        i = text.find(a)
        if i >= 0:
            text = text[:i] + b + text[i + len(a):]
    x = r.random()
    if x < 0.22:
        text = text.translate(ASCII_PUNCT)
    elif x < 0.28:
        text = re.sub('[，。]', ' ', text).strip()
    if chance(r, 0.015):
        text = text.translate(TRAD)
    if chance(r, 0.03):
        text = text.translate(FULLWIDTH)
    if chance(r, 0.06):
        text = text.rstrip('。.!！') + pick(r, ['！！！', '？？', '!!!', '。。。'])
    return text


def write_content(P, c, r, prev_dt):
    K = P.K
    clauses, demand = K.body(P, c, r)
    if c.prior and chance(r, 0.22 + P.pushback * 0.5):
        clauses.append(handling_gripe(P, r))
    body = join_clauses(clauses, r)
    name = caller_display(c.caller, r, '电话')
    anonymous = name in ('匿名', '', '市民', '网友')
    ref = ''
    if c.prior and chance(r, 0.1):
        ref = pick(r, ['（原工单号：§PREV§）', '（前工单§PREV§）', '（关联工单：§PREV§）']) if c.voice == 'op' else pick(r, ['（之前的工单号§PREV§）', '，工单号§PREV§'])
    if c.voice == 'op':
        if c.recur and prev_dt is not None and not K.relapse:
            opener = f'来电人称{month_phrase(r, prev_dt.date(), c.dt)}曾反映过此事，至今仍未得到解决。'
            opener += pick(r, ['现反映：', '具体情况：', '来电人反映：'])
        elif c.recur and prev_dt is not None:
            opener = f'来电人称该问题{month_phrase(r, prev_dt.date(), c.dt)}曾反映过，处理后好了一段时间，近期又出现。'
            opener += pick(r, ['现反映：', '具体情况：', '来电人反映：'])
        elif c.nth:
            opener = wchoice(r, [('来电人再次来电反映：', 3), (f'来电人称此前已反映过{c.nth}次，问题仍未解决。现反映：', 2),
                                 (f'来电人第{c.nth + 1}次来电，', 1), ('此件为重复来电。来电人反映：', 1.5),
                                 ('来电人对前次办理结果不满意，再次反映：', 1.5), ('来电人称之前反映的问题至今未解决，', 2)])
        elif c.channel != '电话':
            opener = wchoice(r, OP_NET_OPEN).replace('{ch}', {'网站': '网站', '微信': '微信公众号', 'APP': '手机APP', '其他': '市长信箱'}[c.channel])
        elif c.prior >= 3 and chance(r, 0.25):
            opener = wchoice(r, OP_OPEN) + '来电人称该问题已有多人反映过。'
        elif body.startswith('<I>') and chance(r, 0.6):
            opener = pick(r, OP_OPEN_I)
            body = body[3:]
        else:
            opener = wchoice(r, OP_OPEN)
        if anonymous:
            opener = opener.replace('来电人{name}', '来电人').replace('诉求人{name}', '诉求人').replace('{name}', '来电人')
        opener = opener.replace('{name}', name)
        text = opener + body + ref + '。' + wchoice(r, OP_DEMAND).replace('{d}', demand)
        if chance(r, 0.04):
            text += '来电人要求对其个人信息保密。'
        elif c.nth and chance(r, 0.08):
            text += '来电人情绪激动。'
        elif chance(r, 0.05):
            text += '来电人要求回复。'
        text = fill_voice(text, 'op', r)
        if c.channel != '电话':
            text = (text.replace('再次来电', '再次留言').replace('重复来电', '重复诉求').replace('次来电', '次留言')
                    .replace('来电人', pick(r, ['诉求人', '网友'])))
    else:
        if c.recur and not K.relapse:
            pre = f'{month_phrase(r, prev_dt.date(), c.dt)}反映过，到现在还没解决，' if prev_dt else '之前反映过，到现在还没解决，'
        elif c.recur:
            pre = pick(r, ['之前反映过，处理后好了一段时间，现在又开始了。', f'{month_phrase(r, prev_dt.date(), c.dt)}投诉过，现在又这样了，' if prev_dt else '又来了，'])
        elif c.nth:
            pre = wchoice(r, [('上次反映的问题到现在都没有解决！', 3), (f'第{c.nth + 1}次反映了，', 1.5), ('之前已经反映过，', 2),
                              (f'我已经打过{c.nth}次12345了，', 1), ('还是之前那个问题，', 1.5), ('再次反映：', 1)])
        else:
            pre = wchoice(r, SELF_OPEN)
        title = ''
        if chance(r, 0.1):
            title = pick(r, ['【投诉】', '【求助】', '【反映问题】', '投诉：', '【咨询】'])
        ask = wchoice(r, SELF_DEMAND).replace('{d}', demand)
        text = title + pre + body + ref + '。' + ask + ('' if '谢谢' in ask else wchoice(r, SELF_END))
        text = fill_voice(text, 'self', r)
        text = sloppy(text, r)
    text = re.sub('[，,]{2,}', '，', text)
    text = text.replace('。。', '。').replace('，。', '。').replace('：，', '：').replace('。，', '。')
    text = text.replace('小区小区', '小区').replace('高速高速', '高速').replace('附近附近', '附近')
    return text


# ---------------------------------------------------------------------------
# Units, results, satisfaction
# ---------------------------------------------------------------------------
def pick_units(P, r):
    cands = P.units
    k = min(len(cands), wchoice(r, [(1, 5.5), (2, 3.5), (3, 1.0)]))
    first = cands[0] if chance(r, 0.75) else pick(r, cands)
    rest = [x for x in cands if x != first]
    chosen = [first] + r.sample(rest, k - 1)
    ret = []
    if chance(r, P.pushback * 0.6):
        if len(chosen) == 1:
            others = [x for x in cands if x not in chosen] or [U_GOV]
            chosen = chosen + [pick(r, others)]
        ret = [chosen[0] if chance(r, 0.6) else pick(r, chosen)]
        if len(chosen) > 2 and chance(r, 0.2):
            ret.append(pick(r, [x for x in chosen if x not in ret]))
    return chosen, ret


def write_result(P, c, r, units, ret):
    if c.dt > END - _dt.timedelta(days=10) and chance(r, 0.7):
        return ''
    if chance(r, 0.05):
        return ''
    handler = next((u for u in units if u not in ret), None)
    parts = []
    for u in ret:
        parts.append(wchoice(r, [(f'{u}：经核查，该诉求不属于我单位职责范围，已申请退回。', 3), (f'{u}退回理由：非本单位职能。', 2),
                                 (f'{u}：该事项应由属地政府处理，退回重新派单。', 1.5)]))
    if handler:
        d = c.dt + _dt.timedelta(days=r.randint(1, 9))
        pre = wchoice(r, [(f'{handler}：', 2), (f'经{unit_short(handler)}核实，', 2), (f'{unit_short(handler)}回复：', 2), ('', 2), (f'【{handler}】', 1)])
        tail = wchoice(r, [('已电话联系诉求人告知办理情况。', 3), ('已向诉求人解释说明，诉求人表示理解。', 2 if P.solved else 0.5), ('', 3),
                           (f'已于{d.month}月{d.day}日电话回复诉求人。', 2), ('诉求人对处理结果不认可。', 0.2 if P.solved else 1.5),
                           ('联系诉求人未接听，已发送短信告知。', 1)])
        snippet = P.K.result(P, c, r)
        if snippet.startswith('经') and pre.startswith('经'):
            pre = f'{unit_short(handler)}回复：'
        parts.append(pre + snippet + '。' + tail)
    return ''.join(parts)


def satisfaction(P, c, r, result):
    if not result or chance(r, 0.1):
        return '未回访'
    if P.solved and not c.nth:
        return wchoice(r, [('满意', 65), ('基本满意', 25), ('不满意', 10)])
    return wchoice(r, [('满意', 25), ('基本满意', 35), ('不满意', 40)])


# ---------------------------------------------------------------------------
# Addresses per contact
# ---------------------------------------------------------------------------
def contact_address(P, c, r, home):
    x = r.random()
    county = P.place['county']
    if x < 0.04 or (c.channel in ('网站', '微信', 'APP') and chance(r, 0.08)):
        return ''
    if x < 0.085:
        return wchoice(r, [('玉林市', 2), ('玉林市' + county, 3), (county, 3), ('广西玉林市' + county, 0.5), (SEAT_LABEL[county], 0.7)])
    use_home = {'elsewhere': 0.35, 'same': 0.45, 'self': 0.9}[P.home_mode]
    if chance(r, use_home):
        return address_of(home, r)
    return address_of(P.place, r)


# ---------------------------------------------------------------------------
# Putting a problem's contacts together
# ---------------------------------------------------------------------------
def choose_kind(r, size):
    b = 0 if size == 1 else (1 if size < 20 else 2)
    return wchoice(r, [(k, k.w[b]) for k in KINDS if k.w[b] > 0])


def pick_channel(r, caller):
    if chance(r, 0.75):
        return wchoice(r, caller['pref'])
    return wchoice(r, [('电话', 5), ('微信', 2), ('网站', 1.2), ('APP', 1.2), ('其他', 0.4)])


def render_problem(P, W, r):
    K = P.K
    offs = schedule(P, r)
    span = offs[-1]
    d0 = pick_origin(r, K.season, span + 1)
    base = START + _dt.timedelta(days=d0)
    if P.pattern == 'burst':
        start = base + _dt.timedelta(hours=r.choice([6, 7, 8, 9, 10, 13, 15, 17, 19, 21]), minutes=r.randint(0, 59))
        slots = [start + _dt.timedelta(days=o) for o in offs]
    else:
        slots = [base + _dt.timedelta(days=int(o)) for o in offs]
    slots = [min(s, END - _dt.timedelta(minutes=5)) for s in slots]
    P.t0 = slots[0]
    K.setup(P, W, r)
    callers, weights, homes = cast(P, W, r)
    counts = [0] * len(callers)
    rows = []
    prev_dt = None
    for i, s in enumerate(slots):
        ci = 0 if i == 0 else r.choices(range(len(callers)), weights)[0]
        caller, home = callers[ci], homes[ci]
        if i and chance(r, 0.01):
            caller = pick(r, frequent_callers(W, P.place['county']))
            home = caller['home']
        channel = pick_channel(r, caller)
        if P.pattern == 'burst':
            dt = s + _dt.timedelta(seconds=r.randint(0, 900))
        else:
            cum = H_NIGHT if (channel == '电话' and chance(r, K.night)) else (H_PHONE if channel == '电话' else H_NET)
            dt = s.replace(hour=pick_hour(r, cum) % 24, minute=r.randint(0, 59), second=r.randint(0, 59))
        if dt > END:
            dt = END - _dt.timedelta(seconds=r.randint(60, 3600))
        if dt < START:
            dt = START + _dt.timedelta(seconds=r.randint(60, 3600))
        c = Contact(P, i, dt)
        c.caller = caller
        c.channel = channel
        c.voice = 'op' if channel == '电话' or (channel == '其他' and chance(r, 0.5)) or chance(r, 0.12) else 'self'
        c.nth = counts[ci] if caller is callers[ci] else 0
        c.recur = P.recur_at is not None and i == P.recur_at
        counts[ci] += 1
        content = write_content(P, c, r, prev_dt)
        units, ret = pick_units(P, r)
        result = write_result(P, c, r, units, ret)
        phone = caller['phone2'] if caller['phone2'] and chance(r, 0.35) else caller['phone']
        if chance(r, 0.03) or (caller['anon'] and c.voice == 'self' and chance(r, 0.3)):
            phone = ''
        rows.append({'work_order': '', 'channel': channel, 'received_at': dt.strftime('%Y-%m-%d %H:%M:%S'), '_dt': dt,
                     'complainant_name': caller_display(caller, r, channel), 'phone': phone,
                     'address': contact_address(P, c, r, home), 'content': content, 'transfer_units': '、'.join(units),
                     'return_units': '、'.join(ret), 'result': result, 'satisfaction': satisfaction(P, c, r, result),
                     'problem': P.id})
        prev_dt = dt
    return rows


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def generate(n: int, seed: int) -> list:
    """n labelled contacts (work orders), sorted by received_at; deterministic for (n, seed)."""
    r = random.Random(seed)
    W = World(r, People(r))
    rows = []
    pid = 0
    while len(rows) < n:
        pid += 1
        size = min(sample_size(r), n - len(rows))
        P = Problem(pid, size, choose_kind(r, size))
        rows.extend(render_problem(P, W, r))
    rows.sort(key=lambda x: (x['_dt'], x['problem']))
    day, seq = None, 0
    for x in rows:
        d = x['_dt'].strftime('%Y%m%d')
        if d != day:
            day, seq = d, r.randint(1, 60)
        seq += r.randint(1, 23)
        x['work_order'] = f'YL{d}{seq:05d}'
    last = {}
    for x in rows:
        prev = last.get(x['problem'])
        if '§PREV§' in x['content']:
            x['content'] = x['content'].replace('§PREV§', prev or f"YL{(x['_dt'] - _dt.timedelta(days=30)).strftime('%Y%m%d')}{r.randint(100, 2000):05d}")
        last[x['problem']] = x['work_order']
        del x['_dt']
    return rows


# The export's columns and files are the second set's: the same platform writes both.
from bench.second_hotline_data import HEADERS, KEYS, write_csv, write_labels  # noqa: E402

__all__ = ["generate", "HEADERS", "KEYS", "write_csv", "write_labels"]


if __name__ == '__main__':
    import sys
    here = sys.argv[1] if len(sys.argv) > 1 else '.'
    items = generate(20000, 1)
    write_csv(items, os.path.join(here, 'contacts.csv'))
    write_labels(items, os.path.join(here, 'labels.csv'))
    np_ = len({x['problem'] for x in items})
    print(f'{len(items)} contacts, {np_} problems -> {here}/contacts.csv, {here}/labels.csv')
