"""A second labelled set of Yulin (玉林市) 12345 hotline contacts, with its own names, vocabulary and
sentence parts, sharing nothing with hotline_data.py or with the matching's word lists: grouping
tuned on one set is checked on the other (``python -m bench.bench_grouping_quality --data second``).

Written from how citizens and hotline operators actually write work orders, not
from any grouping method's vocabulary.  Each generated contact carries the id of
the real-world problem it is about (`problem`); the CSV export omits it and a
separate labels file maps work_order -> problem.

    generate(n, seed) -> list[dict]
    write_csv(items, path)      # UTF-8 with BOM, Chinese headers
    write_labels(items, path)   # work_order,problem

Standard library only; deterministic for a given (n, seed).
"""
import csv
import datetime as _dt
import os
import random
import zlib

# ---------------------------------------------------------------------------
# Administrative divisions of 玉林市 (county | town | villages/communities).
# From the project's seed/places.tsv (jionlp china_location, Apache-2.0).
# ---------------------------------------------------------------------------
_PLACES = """
兴业县|北市镇|万龙村 兴福村 北市村 垌心村 宏福村 旺石村 水田村 洋塘村 福德村 福田村 钦善村 长华村 院垌村
兴业县|卖酒镇|乐泰村 党州村 卖酒村 周覃社区 平浪村 忠良村 睦村 竹沙村 苍院村 通流村
兴业县|城隍镇|万安村 城隍村 城隍社区 塘肚村 大西村 平定村 平巷村 幸福村 枫木村 湖村 白沙村 荣华村 莫村 莲塘社区 镇东村 镇南村 陈塘村 马庄村 龙谭村
兴业县|大平山镇|三联村 上阳村 南村 双凤村 古城村 埠头村 大苏社区 山下村 山腰村 平山村 新岭村 正阳村 江下村 江岭村 田寮村 阳村 陈村 雅桥村 高良村 鸣峨村 龙泉村
兴业县|小平山镇|三德村 四塘村 大坡村 宽畅村 小平山村 崇善村 旺翻村 旺里村 油村 深塘村 良民村 谭村 金华村
兴业县|山心镇|五星村 公和村 升平社区 博爱村 大良村 寨门村 对塘村 山心村 新文村 新莲村 樟木村 石柜村 石门村 社塘村 联和村 良星村 葵峰村 蓬塘村 要古村 高田村 鸣水村 龙兴村 龙江村
兴业县|沙塘镇|与善村 五团村 合成村 合民村 安善村 富旺村 平塘村 张榕村 新圩村 民强村 水口莫村 水车村 永兴村 沙塘村 沙塘社区 福联村 福隆村 马村
兴业县|洛阳镇|六九村 大礼村 新安村 新忠村 旺龙村 洛阳村 金山村 龙垌村
兴业县|石南镇|七团社区 东周村 东山社区 东龙村 六联村 凤东村 凤山村 南乡村 城西社区 塔竹坪村 富阳社区 庞村 新村 横枫村 泉村 环江村 石南街社区 葵山村 谭良村 韦鸣村 马塘村 黎村
兴业县|葵阳镇|六闲村 合星村 四新社区 安东村 新荣村 旧县村 旧城村 泉江村 立石村 葵中村 葵安村 葵联村 葵西村 西村 跳崆村 铁南村 龙口村
兴业县|蒲塘镇|凤文村 化寿村 南塘村 大文村 安国村 山奇村 炉岭村 白花村 石山村 石崎村 石槐村 蒲塘村 蒲塘社区 西寨村 陈关村 龙平村 龙旗村
兴业县|高峰镇|上河村 卢村 大兴村 大同村 太平村 张村 新李村 新河村 欧岭村 民安村 永德村 罗平村 芦塘村 集义村 靖定村 靖文村 高峰村 麻畲村 龙文村
兴业县|龙安镇|三角山村 六西村 六霍村 太村 新塘村 旺冲村 杨前村 柑坡村 牟村 秧塘村 腾冲村 螺网村 长居村 马鹏村 龙安村
北流市|六靖镇|云罗村 六靖圩社区 六靖村 协保村 大坡村 旺坡村 桂丰农场农业队生活区 森隆村 水冲村 沙冲村 石寨村 茶山村 西山村 那排村 镇南村 长江村 龙湾村
北流市|六麻镇|三和村 上合村 兆贡村 六学村 六寨村 六楼村 六美村 六麻村 六麻社区 升平村 南山村 合水村 大旺村 新平村 旺坡村 石玉村 端寨村 经龙村 达和村 里凤村
北流市|北流镇|丛义村 中灵村 九代村 六地坡村 六荣村 六行村 凉水井村 勾漏村 印塘村 大燕塘村 居民村 新城村 松花村 河泉村 潮塘村 环城村 甘村 白须村 鸭埌村 龙安村
北流市|城北街道|大风门社区 富林塘社区 清湖社区 百花社区
北流市|城南街道|新兴社区 新松社区 永丰社区 永顺社区 碧桂社区 精通社区 贵仁堂社区
北流市|塘岸镇|六和村 六高村 凉亭村 利民村 塘岸圩社区 塘岸村 塘肚村 独竹村 蟠龙村 贡塘村 金城村 长塘村
北流市|大伦镇|六岑村 冲表村 南岸村 大伦农场生活区 大伦圩社区 大伦村 平冲村 平田垌村 文城村 旺贺村 玉塘村
北流市|大坡外镇|三板村 分水村 北容村 南盛村 古哿村 大坡内村 大坡外圩社区 大坡外村 新安村 沙坡村 琴冲村 高峰村
北流市|大里镇|六厚村 六堆村 六马村 冠塘村 古红村 大塘村 大里村 小马村 月塘村 林垌村 林村 沙埒村 罗坡村 罗样村 雍熙村 高垌村
北流市|山围镇|丰垌村 塘头村 山围村 李村 甘竹村 都宫村 铁炉圩社区 铁炉村
北流市|平政镇|上梯村 仓田村 六合村 六塘村 六巷村 六旺村 六沙村 六齐村 北河村 双垌村 双头村 岭南村 岭垌村 平政圩社区 平政村 灰沙村 石梯村 石榴村 龙池村
北流市|扶新镇|上林村 安河村 扶新圩社区 扶新村 永塘村 茂化村 隆安村
北流市|新丰镇|大村 大罗垌村 新丰圩社区 新丰村 水垌村 永安村 石碗嘴村 罗屯村 观南村 高塘村
北流市|新圩镇|下坡村 六旺村 南胜村 宋村 平安山村 新圩园艺场生活区 新圩圩社区 新圩村 旺山村 梧村 沙塘村 河村 白鸠江村 覃冲村 陶山村
北流市|新荣镇|五常村 六华村 大同村 扶中村 振新村 新荣村 毓山村
北流市|民乐镇|万平村 会众村 元常村 南庆村 大容山林场生活区 大容村 斗口村 新旺村 桃冲村 民乐圩社区 民乐村 水岸村 石垌村 石塘村 罗政村 茶垌村 莲塘村 萝村 贺平村
北流市|民安镇|丰村 六感村 兴上村 十字铺社区 才旺村 松石村 民安村 陶瓷工业园区社区 高车村
北流市|沙垌镇|三江村 上安村 丹花村 六琢村 汉风村 沙垌圩社区 沙垌村 秀塘村 金汀村 雷冲村
北流市|清水口镇|大塘边村 大罗村 大荣村 大郡村 旺冲村 清水口村 积丽村 竹榄塘村 陈地村 香塘村
北流市|清湾镇|中龙村 候山村 六仑村 六到村 凤塘村 双龙村 平旦村 旺垌村 清平村 清湾村 清湾社区 白米村 禾界村 陈冲村 香田村 龙南村
北流市|白马镇|东塘村 垌尾村 根垌村 白马圩社区 白马村 睦雍村 茶新村 金头村 黄金村 黄龙村
北流市|石窝镇|上垌村 上珍村 下珍村 东华村 六金村 华东村 坡头村 大鹏村 山平村 平田村 沙田村 河浪村 煌炉村 石录村 石窝圩社区 石窝村 蒙冲村 那鞋村 雀山村 黄田村 龙田村
北流市|西埌镇|共和村 坡心村 大车村 平地山村 平山村 新村 木棉村 横埌村 田心村 石埌塘村 良村 西冲村 西埌村 西岸村
北流市|陵城街道|新芝社区 桂塘社区 陵宁社区 龙桥社区
北流市|隆盛镇|三和外村 三和里村 中和村 乡平村 南禄村 安平村 平坡村 深龙村 秧道村 西塘村 长信村 陈智村 隆湾村 隆盛圩社区 隆盛村 香圩村 龙溪村
博白县|三滩镇|三滩村 三滩街社区 充仓村 大旺村 学田村 守育村 建中村 白中村 良茂村 那秀村 鸦桥村
博白县|东平镇|东平街社区 分新村 双垌村 合江村 合江街社区 塘龙村 大湖村 大车村 富山村 富新村 富门村 平地村 文江村 新郑村 李村 枫木村 火甲村 珠华村 石角村 绿荣村 良荔村 英梅村 西湖村 连塘村 长新村
博白县|亚山镇|互卫村 亚山街社区 和平村 四和村 四维村 大禾村 新民村 民富村 民新村 清湖村 温罗村 潭岸村 田旺村 白花村 蒙村
博白县|凤山镇|云心村 凤山村 凤山街社区 双底村 周塘村 周屋村 峨嵋村 庞丁村 斗垌村 桥湖村 武卫村 白马村 石榕村 立石村 竹围村 鸡塘村 龙城村
博白县|博白镇|东升社区 中江村 九龙村 城东村 城关社区 城西村 城郊村 大良村 官田村 富石村 护双村 新仲村 新柯街社区 春石村 木垌村 柯木村 桂花村 水佳村 江滨社区 津木村 珠江村 石和塘社区 绿珠村 绿珠社区 茂江村 荔湾村 西城社区 西江村 锦绣社区 长岗岭社区 雷埠村 马塘村 马头岭社区
博白县|双凤镇|凤宁村 双凤村 双凤街社区 均田村 大田村 平山村 爱国村 绿萝村 良荣村 镇北村
博白县|双旺镇|双旺街社区 周旺村 大同村 曾村 汉和村 白平村 那青村 邦杰村
博白县|大坝镇|久福村 大坝街社区 大益村 官岭村 诸岭村 那雷村 青山村
博白县|大垌镇|凤坪村 大垌村 大垌街社区 栗桂村 石龙村 金固村
博白县|宁潭镇|宁潭村 宁潭街社区 德心村 扬旗村 扬青村 新榕村 白均村 莫林村 西岭村 长春村
博白县|径口镇|三育村 三育街社区 周垌村 大胜村 径口村 径口街社区 文水村 新田村 旺垌村 秀岭村 茶根村 飞厦村
博白县|文地镇|三江街社区 中良村 中苏村 南凭村 堂兰村 大沙村 姜充村 山文村 平旺村 才苏村 文地村 文地街社区 汉平村 河滩村 番壁村 茂石村 那大村 青河村 黄洛村
博白县|新田镇|亭子村 天垌村 新塘村 新田街社区 林桂村 百岸村 百赖村 社门村 美沙村 那花村 马田村 鹿调村
博白县|旺茂镇|三清村 大寿村 大康村 太阳村 康宁村 旺茂村 旺茂街社区 民丰村 玉李村 石垌村 绿田村
博白县|松旺镇|周北村 射广村 山心村 旺宝村 松山村 松旺街社区 松茂村 横坑村 横水村 潭连村 草塘村 龙垌村
博白县|水鸣镇|上包村 上庄村 双桂村 合光村 大光村 大利街社区 大岭村 平江村 新丰村 新和村 水鸣村 水鸣街社区 江正村 联合村 西垌村 西塘村 黎旺村 龙利村
博白县|永安镇|城治村 太安村 平和村 新祥村 新茂村 李村 永安村 永安街社区 贞平村 高峰村
博白县|江宁镇|合和村 和邦村 四联村 大中村 太平村 木旺村 江宁村 江宁街社区 绿佳村 芳屋村 道根村 长江村
博白县|沙河镇|双山村 双江村 大仁村 大石村 大观村 大鹏村 山桥村 新香村 沙河村 沙河街社区 玉桥村 白石村 礼安村 竹旺村 竹田村 长远村 霞岭村
博白县|沙陂镇|八壁村 南塘村 沙陂村 沙陂街社区 浪车村 良村 荣飘村 那新村 飞洋村
博白县|浪平镇|六山村 六江村 和睦村 新旺村 浪平村 浪平街社区 茂龙村
博白县|英桥镇|付义村 文黎村 新圩村 新联村 春佳村 杨充村 杨村 永新村 绿柏村 联山村 英桥村 英桥街社区 谢樟村 那凭村 金山村
博白县|菱角镇|大龙村 山蕉村 李扬村 柱石村 横塘村 盐圩村 石柳村 绿湖村 羊少村 苏众村 菱角村 菱角街社区
博白县|那卜镇|双竹村 名六村 石茅村 那卜村 那卜街社区
博白县|那林镇|东风村 乐民村 佑邦村 六岗村 双六村 多福村 大岗村 平安村 珊瑚村 石塘村 那林村 那林街社区 金阵村
博白县|顿谷镇|乾弄村 利罗村 大塘村 旧金村 旧门村 登山村 盘古村 石坪村 顿谷村 顿谷街社区 马门村
博白县|黄凌镇|凌清村 白流村 社角村 而水村 黄凌村 黄凌街社区
博白县|龙潭镇|东岸村 兴华村 南坡村 坡头村 大安村 寨觉村 广西北部湾经济区龙港新区玉林龙潭产业园社区 田面村 白树村 茅坡村 蕉林村 那薄村 长岭村 高山村 龙潭街社区
容县|六王镇|佳香村 六槐村 六王村 六青村 双善村 古泉村 古里村 塘垌村 大公村 尤华村 思良村 温风村 莲塘村 谭和村 谭螺村 金库村 陈村 龙头村
容县|十里镇|十里村 塘冲村 大坡村 大萃村 大鹏村 杨外村 江囗村 泗登村 流冲村 琼新村 甘旺村 黎读村
容县|县底镇|上都村 东安村 冠堂村 县底村 古例村 古燕村 古练村 古长村 复联村 平河村 康塘村 新光村 旺黎村 河儿村 泗关村 竹山村 荣塘村 金村 靖北村 龙山村
容县|容州镇|三和村 东光社区 五一村 励志村 北门社区 千秋村 华南村 厢南社区 厢西社区 同古村 周囗村 城北社区 城西社区 大明村 大榄村 宁冲村 峤北村 平坡村 新南社区 木井村 杨叶村 桂南社区 河南社区 登高社区 礼信村 福船岭社区 红光村 西上社区
容县|容西镇|仙江村 思传村 深柳村 祖立村 西山村
容县|杨村镇|东华村 六福村 坡亮村 大军村 峡河村 平贯村 当发村 杨村 横山村 界牌村 踏田村 马良村 高垌村 鱼产村
容县|杨梅镇|三德村 义合村 六别村 六美村 凤美村 和丰村 和勃村 和睦村 四端村 四美村 四老村 妙阳村 成美村 普济村 杨梅村 杨梅街村 河囗村 熊胆村 石岭村 红石村 绿荫社区
容县|松山镇|三合村 下河村 儒地村 合同村 大中村 大水村 寻阳村 平车村 慈堂村 文仰村 松山村 沙田村 石扶村
容县|浪水镇|扶冲村 扶昨村 泗利村 泗河村 浪北村 浪水村 白饭村 长寿村
容县|灵山镇|仁勇村 六华村 六图村 六泉村 六肥村 六良村 华琅村 大陆村 天堂村 守善村 当中村 旺维村 灵山村 罗权村
容县|石头镇|上垌村 上石村 务底村 和衷村 大垌村 大扭村 大良村 旺岗村 旺广村 水囗村 泗福村 甘冲村 登州村 睦衷村 石剑村 石塘村 石头村 营垌村 螺北村
容县|石寨镇|上烟村 下烟村 华六村 古兆村 合柳村 大兆村 大华村 大荣村 独石村 石城村 石寨村 霄垌村
容县|罗江镇|三岸村 半月村 大石村 岑冲村 竹良村 顶良村 黎木村
容县|自良镇|中平村 云松村 古旺村 古济村 司六村 同江村 大里村 思旺村 河步村 自良村 自良街村 龙镇村
容县|黎村镇|六吟村 六振村 六旺村 六杨村 六胜村 同和村 同心村 和睦村 和联村 四维村 太和村 太平村 平洛村 平石村 思贤村 振新村 新塘村 旺安村 温泉村 满垌村 珊萃村 荣丰村 黎村
玉州区|仁东镇|中庞村 周村 大路社区 大鹏村 旺卢村 木根村 沼心村 石地村 良村 都甘村 鹏垌村 鹤林村 龚罗村
玉州区|仁厚镇|上罗村 下罗村 仁厚村 大卢村 新旺村 茂岑村 荔枝村 道良村 铁匠村
玉州区|南江街道|七一村 云良村 分界村 南江社区 合汉村 坡塘村 岭塘村 常乐村 平志村 广恩村 新联村 江滨社区 玉柴社区 玉铁社区 竹美社区 镇忠社区
玉州区|名山街道|二泉村 五里桥社区 名山社区 和睦社区 大囊社区 太阳村 旺瑶社区 朱砂村 榕楼社区 石棠社区 绿杨社区 腾扬村 金桂丽湾社区 长望社区
玉州区|城北街道|凤村 周埠村 寒山村 平地社区 彭村 排榜村 潘岭村 睦马村 罗竹村 西岸村 谷山村 钟周村 陈旺村 高山村
玉州区|城西街道|五联村 庆丰社区 新团社区 新定村 林村 永上村 江岸社区 玉豸村 莲塘村
玉州区|大塘镇|三和村 大双村 大塘村 苏烟村 阳山村
玉州区|玉城街道|东岳社区 东成社区 东明社区 北辰社区 南观社区 垌口社区 大新社区 州珮社区 新民社区 清湾江社区 胜利垌社区 西就社区
玉州区|茂林镇|大芦社区 山电社区 新寨社区 沙井社区 泉东社区 泉塘社区 泉西社区 湘汉社区 茂林社区 车垌社区 金谷社区 陂石社区 陂耀社区 鹿塘社区 鹿峰社区 鹿潘社区
福绵区|成均镇|万福村 东高村 丹竹村 二冲村 井龙村 六塘村 劝场村 古城村 和合村 大岭村 大水村 宁冲村 安田村 小冲村 岭肚村 平威村 成均社区 甘冲村 百石村 石围村 石律村 社岗村 通曹村
福绵区|新桥镇|五金村 养心村 化山村 大楼村 富寨村 新桥社区 新沙村 旺村 永宁村 田横村 被霞村 辛仓村 金鸡村 长屏村 长石村 阳岗村 霞山村
福绵区|樟木镇|三塘村 上泉村 中村 六答村 古陂村 塘基村 大旺村 太安村 太平村 富塘村 庆龙村 忠荔村 新发村 新龙村 旺老村 松山村 樟木社区 瑞垌村 石龙村 竹山村 罗冲村 罗田村 胜利村 莘鸣村 调马村 龙前村
福绵区|沙田镇|万新村 上中村 中流村 丽良村 云龙村 六龙村 关塘村 南流村 和平村 大江村 库顶村 沙田社区 砥柱村 良平村 苏立村
福绵区|石和镇|云茂村 塘茂村 大义村 平坡村 旺久村 沙坑村 爱国村 石和社区 长发村 麦垌村
福绵区|福绵镇|三龙村 上地村 上坡村 上枥村 下枥社区 中坡村 中枥村 十丈村 宝岭村 新江社区 横岭村 水岭村 沙浪村 洋桥社区 福东社区 福绵社区 福西社区 竹菜村 船埠村 良表村 覃村 镇石村 青岭村 韦福村 香山村
陆川县|乌石镇|乌石街社区 双垌村 吹塘村 坡子村 坡脚村 塘域村 子良村 安东村 旺岭村 月垌村 水花村 沙井村 沙江村 王沙村 紫恩村 老圩村 蒙村 谢鲁村 那壤村 陆河村 陆选村 陆龙村 黎洪村 龙化村
陆川县|古城镇|八角村 北豆村 古城村 楼脚村 清耳村 盘龙村 良村 长径村 陆因村 陆落村
陆川县|大桥镇|三善村 北桑村 塘候村 大垌村 大塘村 大桥村 平山村 瓜头村 美坡村 陆透村 雅松村
陆川县|平乐镇|三安村 六凤村 平乐村 新兴村 桥头村 石村 长旺村
陆川县|横山镇|同心村 四和村 旱塘村 旺坡村 清平村 石塘村 稔坡村 良塘村 谭村 陆洪村 高冲村
陆川县|沙坡镇|中心村 仙山村 六潘村 六高村 北安村 和平村 大连村 横山村 沙坡村 白马村 秦镜村 高庆村 龙湾村
陆川县|沙湖镇|官山村 新街村 永安村 永旺村 长沙村
陆川县|清湖镇|三水村 塘寨村 塘榄村 官冲村 平安村 新官村 旺山村 水亭村 永平村 清湖村 清湖街社区 那若村 陆坡村
陆川县|温泉镇|万丈村 东山村 中兴村 中屯村 九洲社区 九龙社区 四良村 安宁村 官田村 文昌社区 新洲社区 泗里村 洞心村 温汤社区 温泉村 白坭村 碰塘村 长安社区 长河村 风淳村
陆川县|滩面镇|上旺村 佳塘村 坡头村 新旺村 滩面村 覃村
陆川县|珊罗镇|六燕村 北部工业园区社区 四乐村 大山村 珊罗村 田龙村 长纳村 鹤山村
陆川县|米场镇|乐宁村 五柳村 南中村 平塘村 新民村 旺同村 旺荐村 桥鲁村 米场村
陆川县|良田镇|三联村 冯杏村 文官村 新村 旺垌村 甘片村 石垌村 竹山村 良田村 良田街社区 莲塘村 车田村 鹿垌村 龙口村
陆川县|马坡镇|东西村 六平村 大兴村 大良村 新山村 清秀村 珠砂村 界垌村 良厚村 雄英村 靖东村 靖西村 马坡村 马坡街社区
"""


def _load_places():
    data = {}
    for line in _PLACES.strip().splitlines():
        c, t, vs = line.split('|')
        data.setdefault(c, {})[t] = vs.split()
    return data


PLACES = _load_places()
COUNTIES = ['玉州区', '福绵区', '北流市', '容县', '陆川县', '博白县', '兴业县']
COUNTY_W = [28, 8, 17, 10, 11, 17, 9]
RURAL_W = [6, 9, 22, 13, 15, 25, 10]   # rural population is spread differently from hotline volume
COUNTY_ABBR = {'玉州区': '玉州', '福绵区': '福绵', '北流市': '北流', '容县': '容县',
               '陆川县': '陆川', '博白县': '博白', '兴业县': '兴业'}

# village name -> [(county, town, village)] : used for same-name villages
_VNAME = {}
for _c in COUNTIES:
    for _t, _vs in PLACES[_c].items():
        for _v in _vs:
            _VNAME.setdefault(_v, []).append((_c, _t, _v))

# Urban streets of the county seats: (street, town/街道)
URBAN = {
    '玉州区': [('人民东路', '玉城街道'), ('人民中路', '玉城街道'), ('人民西路', '城西街道'),
            ('教育东路', '名山街道'), ('教育中路', '玉城街道'), ('教育西路', '城西街道'),
            ('民主南路', '南江街道'), ('民主中路', '玉城街道'), ('民主北路', '城北街道'),
            ('江滨路', '南江街道'), ('二环北路', '城北街道'), ('二环东路', '名山街道'),
            ('二环南路', '南江街道'), ('二环西路', '城西街道'), ('一环东路', '名山街道'),
            ('一环南路', '南江街道'), ('一环西路', '城西街道'), ('一环北路', '城北街道'),
            ('广场东路', '玉城街道'), ('东明路', '玉城街道'), ('城站路', '玉城街道'),
            ('新民路', '玉城街道'), ('大南路', '南江街道'), ('大北路', '城北街道'),
            ('清宁路', '玉城街道'), ('中秀路', '名山街道'), ('金港大道', '名山街道'),
            ('玉东大道', '茂林镇'), ('站前路', '玉城街道'), ('玉博大道', '南江街道'),
            ('城西路', '城西街道'), ('江岸路', '城西街道')],
    '福绵区': [('福绵大道', '福绵镇'), ('福新路', '福绵镇'), ('福西路', '福绵镇'),
            ('二环南路延长线', '福绵镇'), ('福绵街', '福绵镇'), ('新江路', '福绵镇')],
    '北流市': [('陵城路', '陵城街道'), ('北流大道', '城南街道'), ('城南一路', '城南街道'),
            ('城南二路', '城南街道'), ('城东一路', '陵城街道'), ('城北一路', '城北街道'),
            ('西环路', '城北街道'), ('中山路', '陵城街道'), ('解放路', '陵城街道'),
            ('新兴路', '城南街道'), ('圭江路', '陵城街道'), ('永丰路', '城南街道')],
    '容县': [('容州大道', '容州镇'), ('城西路', '容州镇'), ('城南路', '容州镇'),
           ('城东路', '容州镇'), ('人民路', '容州镇'), ('宝塔路', '容州镇'),
           ('河堤路', '容州镇'), ('环城路', '容州镇'), ('厢西路', '容州镇')],
    '陆川县': [('温泉路', '温泉镇'), ('新洲路', '温泉镇'), ('公园路', '温泉镇'),
            ('城南路', '温泉镇'), ('城北路', '温泉镇'), ('环城路', '温泉镇'),
            ('龙珠路', '温泉镇'), ('陆兴路', '温泉镇')],
    '博白县': [('博白大道', '博白镇'), ('城东路', '博白镇'), ('城西路', '博白镇'),
            ('城南路', '博白镇'), ('人民路', '博白镇'), ('文化路', '博白镇'),
            ('南州大道', '博白镇'), ('新城路', '博白镇'), ('江滨路', '博白镇')],
    '兴业县': [('兴业大道', '石南镇'), ('人民路', '石南镇'), ('城东路', '石南镇'),
            ('城南路', '石南镇'), ('新城大道', '石南镇'), ('鹿峰路', '石南镇'),
            ('石南街', '石南镇')],
}
URBAN_W = {'玉州区': 60, '福绵区': 5, '北流市': 12, '容县': 6, '陆川县': 6, '博白县': 8, '兴业县': 3}
LANDMARKS = {
    '玉州区': ['玉林市第一人民医院', '玉林师范学院', '玉林站', '宏进农贸市场', '玉林中药材专业市场',
            '人民公园', '东明公园', '云天文化城', '玉林市体育中心', '万达广场', '市政府',
            '南流江大桥', '玉林高中', '玉林市红十字会医院', '东门口', '五彩田园', '龙泉湖公园'],
    '福绵区': ['福绵区政府', '服装产业园', '福绵圩', '福绵区人民医院'],
    '北流市': ['北流市人民医院', '北流市政府', '北流高中', '陶瓷产业园', '西站', '河堤公园'],
    '容县': ['真武阁', '容县人民医院', '容县中学', '县政府', '绣江大桥', '都峤山路口'],
    '陆川县': ['陆川县人民医院', '龙珠湖', '陆川中学', '县政府', '温泉酒店'],
    '博白县': ['博白县人民医院', '博白中学', '宴石山', '县政府', '王力故居'],
    '兴业县': ['兴业县人民医院', '鹿峰山', '兴业高中', '县政府', '汽车站'],
}
COUNTY_SEAT = {'玉州区': None, '福绵区': '福绵镇', '北流市': '陵城街道', '容县': '容州镇',
               '陆川县': '温泉镇', '博白县': '博白镇', '兴业县': '石南镇'}

SURNAMES = ('陈' * 14 + '李' * 10 + '黄' * 11 + '梁' * 9 + '刘' * 7 + '林' * 6 + '王' * 5 + '张' * 5 +
            '钟' * 4 + '庞' * 4 + '冯' * 4 + '吴' * 4 + '杨' * 4 + '何' * 4 + '罗' * 4 + '邓' * 3 +
            '朱' * 3 + '谢' * 3 + '廖' * 3 + '韦' * 3 + '覃' * 2 + '莫' * 3 + '蒋' * 2 + '苏' * 3 +
            '宁' * 2 + '邹' * 2 + '彭' * 2 + '骆' * 2 + '牟' * 2 + '容' * 2 + '封' + '周' * 3 + '曾' * 2 +
            '赖' * 2 + '丘' + '揭' + '植' + '潘' * 2 + '卢' * 2 + '许' * 2 + '杜' + '龚' + '余' + '叶' +
            '徐' + '胡' * 2 + '伍' + '甘' + '肖' + '宾' + '兰' + '农' + '麦' + '雷' + '车' + '温' * 2 +
            '江' + '沈' + '秦' + '唐' + '宋' + '文' + '凌' + '丁' + '利' + '关' + '谭' + '区' + '练' + '郑')
GIVEN_M = '伟强华明军勇杰涛斌辉锋波宁平东海林峰健文志国荣生福贵祥德光振永春金玉成新家俊宏发胜'
GIVEN_F = '英芳秀兰珍丽玲燕红梅萍霞婷敏静娟琼凤妹娣艳莲雪桂冰月春丹慧晓彩琴琳'


def person_name(r, female=None):
    if female is None:
        female = r.random() < 0.45
    s = r.choice(SURNAMES)
    pool = GIVEN_F if female else GIVEN_M
    if r.random() < 0.28:
        return s + r.choice(pool)
    a = r.choice(pool + ('小' if r.random() < 0.2 else ''))
    return s + a + r.choice(pool)


# --- thing names ----------------------------------------------------------------
EST_HEAD = ['江南', '江滨', '滨江', '盛世', '御景', '翡翠', '金港', '东方', '锦绣', '阳光', '碧水', '南湖',
            '龙泉', '凤凰', '富林', '宏进', '天成', '鸿基', '时代', '中央', '城市', '香榭', '丽都', '嘉禾',
            '君悦', '金色', '紫荆', '桂园', '荔园', '半岛', '铂悦', '领秀', '云天', '玉泉', '鹿峰', '圭江',
            '绣江', '南流', '公园', '学府', '世纪', '恒福', '嘉和', '佳和', '顺景', '翠竹', '桃源', '水岸',
            '东湖', '西城', '北城', '南城', '星河', '银河', '状元', '文华', '书香', '康桥', '格林', '明珠',
            '金湾', '长岛', '中兴', '汇丰', '锦江', '紫金', '龙湾', '金域', '天悦', '珑悦', '东城', '新天地',
            '荣华', '福泽', '泰和', '瑞景', '华景', '清湾', '南山', '名山', '大唐', '雅苑', '丽江', '润城',
            '凯旋', '美林', '保利', '永安', '鼎盛', '嘉兴', '宝泰', '豪门', '新世纪', '都市', '和园']
EST_TAIL = ['小区', '花园', '华庭', '府', '苑', '名都', '嘉园', '新城', '豪庭', '雅居', '国际', '御府', '公馆',
            '一品', '华府', '名苑', '家园', '广场', '城', '湾', '壹号院', '山庄', '尚城', '豪苑', '学府', '名邸',
            '上院', '天地', '新村', '公寓', '雅园', '丽景', '悦府', '铭苑']
EST_BRAND = ['碧桂园', '恒大', '彰泰', '荣和', '华润', '万达', '融创', '龙光', '中梁', '奥园', '雅居乐', '金科',
             '富丽', '宏进', '盛天', '汇金', '鸿达', '大唐']
PHASE = ['', '', '', '', '二期', '三期', '一期', 'A区', 'B区', '东区', '西区']

SHOP_HEAD = ['老友记', '阿强', '阿华', '阿明', '阿珍', '牛哥', '胖子', '兄弟', '一品', '湘味', '东北', '老地方',
             '深夜', '辣妹子', '老表', '大胖', '二姐', '靓仔', '好味道', '聚缘', '有缘', '金牌', '老街', '乡下',
             '玉州', '南国', '桂香', '佳佳', '鑫鑫', '发记', '强记', '华记', '荣记', '财记', '旺角', '兰姐',
             '海哥', '阿龙', '老陈', '李记', '黄记', '梁记', '老杨', '小林', '豪哥', '六叔', '大头', '红姐',
             '乐乐', '开心', '好运', '金色年华', '星光', '欢乐', '豪庭', '皇朝', '蓝调', '夜色', '九号',
             '食为天', '福满楼', '顺景', '老字号', '阿伟', '阿芳', '五哥', '飞哥', '龙哥', '东哥', '七仔',
             '满堂红', '天天', '百姓', '鸿运', '宏达', '新时代', '盛世', '嘉宝', '美美', '金沙']
CHAINS = [('美宜佳', '便利店'), ('华联超市', '超市'), ('麦乐迪KTV', 'KTV'), ('网鱼网咖', '网吧'),
          ('正新鸡排', '小吃店'), ('蜜雪冰城', '奶茶店'), ('老友记烧烤', '烧烤'), ('华莱士', '快餐店'),
          ('绝味鸭脖', '熟食店'), ('万家福超市', '超市'), ('好又多超市', '超市'), ('中国石化加油站', '加油站'),
          ('老乡鸡', '快餐店'), ('益丰大药房', '药店'), ('锦江之星', '酒店')]
FAC_HEAD = ['南国', '金石', '恒发', '宏达', '鑫源', '永盛', '兴旺', '大发', '顺达', '华兴', '隆盛', '富源',
            '祥和', '利民', '振兴', '合力', '广源', '荣发', '金利', '新宇', '锦华', '泰丰', '鸿运', '万通',
            '天力', '宝丰', '建业', '昌盛', '鼎力', '众鑫', '汇通', '裕丰', '益民', '金桂', '桂南', '玉博',
            '福达', '旺达', '佳兴', '盛源', '金鼎', '恒通', '新科', '长盛', '兴达', '通源', '宏伟', '中联',
            '天宇', '金穗', '润丰', '国鑫', '立信', '顺兴', '嘉利', '威达', '百川', '正大', '森林', '绿源']
CO_HEAD = FAC_HEAD + ['桂鑫', '玉柴', '博大', '陆兴', '容昌', '北源', '兴宁', '福联', '华顺', '海川', '安居']
BUILDERS_TAIL = ['建设工程有限公司', '建筑工程有限公司', '建设集团有限公司', '建工集团有限公司', '路桥建设有限公司']

VILLAGE_SUB_HEAD = ['上', '下', '大', '小', '新', '老', '东', '西', '南', '北', '中']
VILLAGE_SUB_BODY = ['岭', '塘', '垌', '坡', '屋', '村', '坪', '江', '岗', '山', '冲', '田', '湾', '桥', '园']
VILLAGE_SUB_NAMED = ['岭头', '塘尾', '石角', '竹根', '榕树根', '木棉', '龙眼', '荔枝根', '大坪', '岭脚', '坡心',
                     '塘边', '垌心', '新屋', '老屋', '禾场', '井头', '凤凰', '石桥', '大榕', '松山', '茶根',
                     '水口', '高田', '沙塘', '马路', '圩背', '灯笼', '桥头', '六角', '旺坡', '大岭', '龙头']

# homophone / wrong-character slips people make in names
TYPO = {'鑫': '新', '宏': '红', '华': '化', '源': '元', '达': '大', '泰': '太', '盛': '胜', '恒': '横',
        '锦': '金', '豪': '毫', '苑': '园', '庭': '廷', '湾': '弯', '景': '境', '铭': '明', '凯': '楷',
        '旺': '望', '隆': '龙', '翠': '萃', '垌': '洞', '峒': '洞', '塘': '堂', '岭': '领', '埌': '浪',
        '圩': '墟', '樟': '章', '葵': '魁', '陵': '灵', '厢': '相', '蒲': '浦', '茂': '贸', '祥': '详',
        '鸿': '洪', '丰': '峰', '荣': '容', '珑': '龙', '铂': '泊', '榕': '荣', '璧': '碧', '琼': '穷',
        '彰': '章', '邸': '底', '瑞': '锐', '禾': '和', '嘉': '佳', '誉': '玉', '粤': '越', '菱': '凌',
        '濑': '赖', '槽': '曹', '棠': '堂', '楼': '搂', '峰': '锋', '桥': '侨', '沙': '砂', '垠': '银',
        '福': '富', '佩': '珮', '珮': '佩', '枥': '历', '埇': '涌', '凼': '荡', '坭': '泥', '旭': '序'}

TRAD = dict(tuple(p) for p in (
    '区區 县縣 镇鎮 乡鄉 门門 东東 业業 长長 发發 厂廠 养養 猪豬 场場 声聲 扰擾 处處 请請 谢謝 问問 题題 们們 这這 个個 里裡 没沒 资資 话話'
    ' 电電 来來 时時 间間 无無 楼樓 开開 关關 为為 对對 实實 经經 过過 还還 给給 钱錢 应應 该該 车車 灯燈 坏壞 几幾 报報 邻鄰 严嚴 响響 觉'
    '覺 烟煙 气氣 务務 现現 员員 让讓 说說 脏髒 乱亂 边邊 头頭 两兩 样樣 进進 远遠 网網 络絡 费費 办辦 证證 书書 产產 买買 卖賣 难難 盘盤 '
    '议議 谁誰 后後 点點 钟鐘 线線 变變 压壓 劳勞 动動 紧緊 张張 总總 执執 监監 拨撥 标標 准準 听聽 见見 决決 设設 备備 运運 输輸 条條 万萬'
    ' 闹鬧 虫蟲 药藥 农農 龙龍 岭嶺 阳陽 凤鳳 风風 饭飯 馆館 机機 轮輪 医醫 疗療 儿兒 园園 学學 习習 级級 补補 贴貼 顾顧 观觀 态態 递遞 际'
    '際 块塊 厅廳 层層 帮幫 达達 质質 检檢 验驗 营營 销銷 单單 据據 签簽 诉訴 讼訟 赔賠 偿償 损損 灭滅 尘塵 废廢 弃棄 违違 规規 罚罰 兰蘭 '
    '陈陳 刘劉 杨楊 黄黃 罗羅 邓鄧 赵趙 吴吳 许許 韦韋 苏蘇 卢盧 冯馮 谭譚 骆駱 们們 么麼 样樣 时時 晚晚 睡睡 吵吵 烧燒 烤烤 热熱 凉涼 块塊'
    ' 话話 让讓 认認 识識 队隊 组組 区區 广廣 西西 玉玉 林林 市市 路路 号號 栋棟 单單 元元 户戶 业業 层層 间間 处處 临臨 环環 污污 染染 尽'
    '盡 决決 复復 态態 将將 于於 与與 协協 调調 导導 领領 备備 证證 续續'
).split())
FULLWIDTH = str.maketrans('0123456789', '０１２３４５６７８９')
CN = '零一二三四五六七八九'


def cn_num(n):
    if n < 10:
        return CN[n]
    if n < 20:
        return '十' + (CN[n - 10] if n > 10 else '')
    if n < 100:
        return CN[n // 10] + '十' + (CN[n % 10] if n % 10 else '')
    return str(n)


def stable_rng(*parts):
    return random.Random(zlib.crc32('|'.join(str(p) for p in parts).encode('utf-8')))


def wpick(r, pairs):
    tot = sum(w for _, w in pairs)
    x = r.random() * tot
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]


def typo(s, r):
    idx = [i for i, ch in enumerate(s) if ch in TYPO]
    if not idx:
        return s
    i = r.choice(idx)
    return s[:i] + TYPO[s[i]] + s[i + 1:]


def to_trad(s):
    return ''.join(TRAD.get(ch, ch) for ch in s)


def strip_town(t):
    for suf in ('街道', '镇', '乡'):
        if t.endswith(suf) and len(t) > len(suf) + 1:
            return t[:-len(suf)]
    return t


def strip_village(v):
    if v.endswith('社区') and len(v) > 3:
        return v[:-2]
    if v.endswith('村') and len(v) > 2:
        return v[:-1]
    return v


# --- figures as people say them ---------------------------------------------------
def say_count(n, r):
    u = r.random()
    if u < 0.42:
        return str(n)
    if u < 0.62:
        return cn_num(n)
    if u < 0.78:
        return str(max(2, n + r.choice([-1, 1, 1, 2, -2])))
    if 11 <= n < 20:
        return r.choice(['十几', '十多', '十来'])
    if 20 <= n < 100:
        return cn_num(n // 10 * 10) + '多'
    if 3 <= n < 10:
        return r.choice(['几', '好几', str(n)])
    return str(n)


def say_months(m, r):
    if m >= 12 and r.random() < 0.75:
        y = m // 12
        return r.choice([f'{cn_num(y) if y != 2 else "两"}年多', f'{cn_num(y) if y != 2 else "两"}年', f'{m}个月'] +
                        (['快两年'] if 20 <= m < 24 else []) + (['一年多'] if m < 24 else []))
    u = r.random()
    if u < 0.35:
        return f'{m}个月'
    if u < 0.55:
        return f'{cn_num(m)}个多月' if r.random() < 0.5 else f'{cn_num(m)}个月'
    if u < 0.7 and m <= 6:
        d = m * 30 + r.choice([-10, 0, 0, 5, 10])
        return r.choice([f'{d}天', f'{d // 10 * 10}多天', f'差不多{d // 10 * 10}天'])
    if m >= 12:
        return r.choice(['一年多', '一年多了', f'{m}个月', '快两年' if m > 18 else '一年多'])
    if 5 <= m <= 6:
        return r.choice(['半年', '快半年', '半年多'])
    if 7 <= m <= 10:
        return r.choice(['大半年', f'{m}个月', '快一年'])
    return r.choice(['几个月', f'{m}个月', f'{m}个多月'])


def say_money(a, r):
    if a >= 10000:
        w = a / 10000.0
        u = r.random()
        if u < 0.3:
            s = f'{w:.1f}'.rstrip('0').rstrip('.')
            return s + '万元'
        if u < 0.5:
            return f'{int(w)}万多元' if r.random() < 0.6 else f'{int(w)}万多'
        if u < 0.62:
            return f'约{round(w)}万元'
        if u < 0.75:
            return f'{a}元'
        if 10 <= w < 20 and r.random() < 0.6:
            return '十几万'
        if w < 100:
            return cn_num(int(w)) + '万多块'
        return f'{int(w)}万'
    u = r.random()
    if u < 0.5:
        return f'{a}元'
    if u < 0.75 and a >= 1000:
        return f'{a // 1000}千多元'
    return f'{a}块钱' if r.random() < 0.5 else f'{a}块'


def say_years(y, r):
    return r.choice([f'{y}年', f'{cn_num(y)}年', f'{cn_num(y)}年多', f'{y}年多'] +
                    (['好几年', '几年'] if y >= 3 else []))


def say_hour(h, r):
    hh = h if h <= 12 else h - 12
    if h < 6:
        return r.choice([f'凌晨{h}点', f'凌晨{cn_num(h)}点', f'半夜{cn_num(h)}点', f'凌晨{h}点多', f'{h}点多'])
    return r.choice([f'晚上{hh}点', f'晚上{cn_num(hh)}点', f'夜里{hh}点多', f'{h}点以后'])


# ---------------------------------------------------------------------------
# Locations
# ---------------------------------------------------------------------------
def village_subs(county, town, village):
    """The natural villages (屯/队/组) of a village, fixed for the village."""
    r = stable_rng('subs', county, town, village)
    style = r.choice(['named', 'named', 'num'])
    suf = wpick(r, [('队', 4), ('屯', 3), ('组', 3)])
    if style == 'num':
        return [{'style': 'num', 'num': i, 'suf': suf} for i in range(1, r.randint(6, 16))]
    names = []
    k = r.randint(4, 11)
    while len(names) < k:
        u = r.random()
        if u < 0.35:
            nm = r.choice(SURNAMES) + '屋'
        elif u < 0.7:
            nm = r.choice(VILLAGE_SUB_HEAD) + r.choice(VILLAGE_SUB_BODY)
        else:
            nm = r.choice(VILLAGE_SUB_NAMED)
        if nm not in names and nm + '村' != village:
            names.append(nm)
    return [{'style': 'named', 'name': nm, 'suf': suf} for nm in names]


def pick_county(r, urban=False):
    if urban:
        return wpick(r, list(URBAN_W.items()))
    return wpick(r, list(zip(COUNTIES, RURAL_W)))


def rural_loc(r, county=None, town=None, village=None, sub=True):
    county = county or pick_county(r)
    if town is None:
        towns = [t for t in PLACES[county] if '街道' not in t] or list(PLACES[county])
        town = r.choice(towns)
    if village is None:
        vs = [v for v in PLACES[county][town] if not v.endswith('社区')] or PLACES[county][town]
        village = r.choice(vs)
    s = None
    if sub:
        s = r.choice(village_subs(county, town, village))
    return {'kind': 'rural', 'county': county, 'town': town, 'village': village, 'sub': s,
            'street': None, 'num': None, 'bld': None}


def urban_loc(r, county=None, street=None):
    county = county or pick_county(r, urban=True)
    if street is None:
        street, town = r.choice(URBAN[county])
    else:
        town = dict(URBAN[county]).get(street, COUNTY_SEAT[county] or '玉城街道')
    comms = [v for v in PLACES[county].get(town, []) if v.endswith('社区')]
    comm = r.choice(comms) if comms and r.random() < 0.8 else None
    return {'kind': 'urban', 'county': county, 'town': town, 'village': comm, 'sub': None,
            'street': street, 'num': r.randint(1, 60) * r.choice([1, 1, 2, 3, 5]) + r.randint(0, 9),
            'bld': None}


TOWN_STREETS = ['新街', '老街', '圩', '大道', '中街', '东街', '西街', '南街', '北街', '市场路', '车站路', '解放街',
                '新兴街', '建设路', '中山街', '沿江路', '迎宾路']


def townctr_loc(r, county=None, town=None):
    county = county or pick_county(r)
    if town is None:
        towns = [t for t in PLACES[county] if '街道' not in t and t != COUNTY_SEAT[county]]
        town = r.choice(towns)
    st = r.choice(TOWN_STREETS)
    street = strip_town(town) + st if st in ('圩', '大道') or r.random() < 0.5 else st
    comms = [v for v in PLACES[county][town] if v.endswith('社区')]
    comm = r.choice(comms) if comms and r.random() < 0.6 else None
    return {'kind': 'townctr', 'county': county, 'town': town, 'village': comm, 'sub': None,
            'street': street, 'num': r.randint(1, 200), 'bld': None}


def town_street(town, street, r, full=True):
    if full:
        return jn([(town_form(town, r), town), (street, street)])
    return jn([(strip_town(town), town), (street, street)])


def make_bld(r):
    return (r.randint(1, 32), r.randint(1, 4) if r.random() < 0.7 else 0, r.randint(1, 33), r.randint(1, 6))


def bld_forms(b, r):
    d, u, f, room = b
    rm = f'{f}{room:02d}'
    return r.choice([f'{d}栋{u}单元{rm}' if u else f'{d}栋{rm}', f'{d}栋{rm}', f'{d}幢{u or 1}单元{rm}室',
                     f'{d}号楼{rm}', f'{d}栋{u or 1}单元{f}楼', f'{d}栋{rm}房', f'{d}座{rm}'])


def county_form(c, r):
    return c if r.random() < 0.65 else COUNTY_ABBR[c]


def town_form(t, r):
    s = strip_town(t)
    if t.endswith('街道'):
        return r.choice([t, t, s + '街道办', s + '街道办事处', s + '街道'])
    return t if r.random() < 0.72 else s


def village_form(v, r):
    if v.endswith('社区'):
        return r.choice([v, v, v, v + '居委会', v[:-2] + '社区居委会'])
    b = strip_village(v)
    return r.choice([v, v, v, v, b + '村委', b + '村委会', b + '村民委员会', v + '委'] + ([b] if len(b) >= 2 else []))


def sub_form(s, r):
    if s['style'] == 'num':
        n = s['num']
        return r.choice([f'{n}组', f'{cn_num(n)}组', f'第{cn_num(n)}村民小组', f'{n}队', f'第{n}村民小组',
                         f'{cn_num(n)}队', f'{n}{s["suf"]}'])
    return r.choice([s['name'] + s['suf']] * 4 + [s['name'], s['name'] + r.choice(['屯', '队', '组'])])


def sub_canon(s):
    if s is None:
        return ''
    if s['style'] == 'num':
        return f'{cn_num(s["num"])}{s["suf"]}' if s['suf'] != '组' else f'第{cn_num(s["num"])}村民小组'
    return s['name'] + s['suf']


def jn(pairs, sep=''):
    """Join (shown, full) parts; a short form that the next part starts with is written in full
    (博白 + 博白镇 -> 博白县博白镇, 大塘 + 大塘村 -> 大塘镇大塘村)."""
    out = []
    for i, (sh, full) in enumerate(pairs):
        if i + 1 < len(pairs) and sh and sh != full and pairs[i + 1][0].startswith(sh):
            sh = full
        if sh:
            out.append(sh)
    return sep.join(out)


def merge(a, b):
    """a + b, with an overlap at the seam written once (县底镇 + 县底镇…项目)."""
    if not a:
        return b
    for k in range(min(len(a), len(b)), 1, -1):
        if b.startswith(a[-k:]):
            return a[:-k] + b
    return a + b


ADDR_PREFIX = [('', 38), ('玉林市', 30), ('广西玉林市', 10), ('广西壮族自治区玉林市', 8), ('广西', 5), ('玉林', 7),
               ('广西省玉林市', 2)]


def render_addr(loc, r, level='full', ent=None):
    """Render a location as people type it into the 诉求地址 box."""
    parts = []
    pre = wpick(r, ADDR_PREFIX)
    if pre:
        parts.append((pre, pre))
    c = loc['county']
    k = loc['kind']
    omit_county = r.random() < (0.3 if c == '玉州区' and k == 'urban' else 0.1)
    if not omit_county or not pre:
        parts.append((county_form(c, r), c))
    if k == 'rural':
        if r.random() < 0.9 or level == 'coarse':
            parts.append((town_form(loc['town'], r), loc['town']))
        if level != 'coarse':
            parts.append((village_form(loc['village'], r), loc['village']))
            if level == 'full' and loc['sub'] and r.random() < 0.75:
                x = sub_form(loc['sub'], r)
                parts.append((x, x))
            if r.random() < 0.08:
                x = r.choice(['村口', '村委旁', '路边', '附近', '后山', '大桥边', '小学旁边'])
                parts.append((x, x))
    else:
        if r.random() < (0.3 if k == 'urban' else 0.8) or level == 'coarse':
            parts.append((town_form(loc['town'], r), loc['town']))
        if loc['village'] and r.random() < 0.12:
            parts.append((loc['village'], loc['village']))
        if level != 'coarse':
            est = loc.get('estate')
            if r.random() < 0.75 or not est:
                st = loc['street']
                if loc['num'] and r.random() < 0.7:
                    st += f'{loc["num"]}号'
                parts.append((st, st))
            extra = None
            if est and r.random() < 0.85:
                parts.append((est_mention_addr(est, r),) * 2)
                if level == 'full' and loc.get('bld') and r.random() < 0.75:
                    extra = bld_forms(loc['bld'], r)
                elif r.random() < 0.15:
                    extra = r.choice(['门口', '小区门口', '大门口', '对面', '旁边', '南门', '北门'])
            elif ent is not None and r.random() < 0.25:
                extra = ent['shorts'][0] + r.choice(['对面', '旁边', '门口', '隔壁', '楼上', ''])
            elif k == 'urban' and r.random() < 0.08:
                extra = r.choice(LANDMARKS[c]) + r.choice(['对面', '旁边', '附近', '后面'])
            if extra:
                parts.append((extra, extra))
    sep = '' if r.random() < 0.9 else r.choice([' ', ' ', '，', ','])
    s = jn(parts, sep).replace('村委村委', '村委').replace('村委会村委', '村委').replace('小区小区', '小区')
    if r.random() < 0.04:
        s = typo(s, r)
    if r.random() < 0.07:
        s = s.translate(FULLWIDTH)
    return s


def generic_addr(loc, r):
    return r.choice(['', '', '', '玉林市', '广西玉林', '玉林', '广西壮族自治区玉林市', '玉林市' + loc['county'],
                     county_form(loc['county'], r), '不详', '无'])


# ---------------------------------------------------------------------------
# Named things
# ---------------------------------------------------------------------------
class Names:
    def __init__(self, r):
        self.r = r
        self.used = set()

    def unique(self, fn, tries=30):
        for _ in range(tries):
            e = fn()
            if e['full'] not in self.used:
                self.used.add(e['full'])
                return e
        self.used.add(e['full'])
        return e


def est_mention_addr(est, r):
    return r.choice(est['shorts'] + [est['full']])


def ent_mention(e, r, c=None, mode=None):
    if e is None:
        return ''
    if mode is None:
        mode = wpick(r, [('full', 27), ('short', 44), ('generic', 22), ('typo', 7)])
    if mode == 'full':
        return e['full']
    if mode == 'short':
        return r.choice(e['shorts'])
    if mode == 'generic':
        g = r.choice(e['generics'])
        return g
    if mode == 'core':
        return e.get('core', e['shorts'][0])
    return typo(r.choice([e['full']] + e['shorts']), r)


def make_estate(nm, loc, brand_ok=True):
    r = nm.r

    def f():
        head = r.choice(EST_HEAD)
        tail = r.choice(EST_TAIL)
        brand = r.choice(EST_BRAND) if brand_ok and r.random() < 0.3 else ''
        if brand == head:
            brand = ''
        if head.endswith(tail[-1]):
            tail = '花园'
        core = head + tail
        ph = r.choice(PHASE)
        full = (brand + '·' if brand else '') + core + ph
        shorts = [core, core + ph] if ph else [core]
        if brand:
            shorts.append(brand + core)
        gen = ['这个小区', '那个楼盘', '该小区', '小区']
        dev_core = brand or head
        dev = r.choice([f'玉林市{dev_core}房地产开发有限公司', f'广西{dev_core}置业有限公司',
                        f'{COUNTY_ABBR[loc["county"]]}{dev_core}房地产开发有限公司', f'玉林{dev_core}投资有限公司'])
        pm = r.choice([f'{r.choice(FAC_HEAD)}物业服务有限公司', f'玉林市{r.choice(FAC_HEAD)}物业管理有限公司',
                       f'{dev_core}物业', f'{r.choice(FAC_HEAD)}物业公司'])
        return {'kind': '小区', 'type': 'estate', 'full': full, 'shorts': shorts, 'generics': gen, 'core': core,
                'dev': dev, 'dev_short': dev_core + r.choice(['开发商', '公司', '地产']), 'pm': pm}
    return nm.unique(f)


SHOP_KINDS_NOISE = [('烧烤', 14), ('大排档', 8), ('夜宵店', 6), ('KTV', 8), ('酒吧', 6), ('麻将馆', 6),
                    ('棋牌室', 3), ('网吧', 2), ('清吧', 2), ('健身房', 2), ('汽修厂', 3), ('饭店', 3),
                    ('广告店', 1), ('音响店', 1), ('酒楼', 2), ('奶茶店', 1), ('烤鱼店', 2), ('加工店', 1)]
SHOP_KINDS_FOOD = [('超市', 10), ('便利店', 4), ('饭店', 6), ('快餐店', 5), ('牛巴粉店', 4), ('生料粉店', 3),
                   ('猪脚粉店', 3), ('熟食店', 3), ('奶茶店', 3), ('烧烤', 3), ('面包店', 2), ('小吃店', 3),
                   ('学校小卖部', 2), ('农贸市场猪肉档', 2), ('药店', 2)]
SHOP_KINDS_CONS = [('健身房', 6), ('美容院', 6), ('培训机构', 6), ('家具店', 3), ('手机店', 4), ('驾校', 4),
                   ('装修公司', 5), ('婚纱摄影', 3), ('汽车4S店', 3), ('电动车店', 3), ('家电城', 2),
                   ('月子中心', 1), ('游泳馆', 2), ('理发店', 3), ('洗车店', 2), ('宽带营业厅', 1), ('酒店', 1)]
SHOP_KIND_GENERIC = {'烧烤': ['烧烤店', '烧烤摊', '那家烧烤'], 'KTV': ['KTV', '歌厅', '唱K的'],
                     '酒吧': ['酒吧', '那间酒吧'], '麻将馆': ['麻将馆', '麻将室', '麻将档'],
                     '大排档': ['大排档', '宵夜档'], '夜宵店': ['宵夜店', '夜宵档'], '网吧': ['网吧', '网咖'],
                     '汽修厂': ['修车店', '汽修店', '修车的'], '超市': ['超市', '那家超市'],
                     '培训机构': ['培训班', '辅导班', '培训机构'], '装修公司': ['装修公司'],
                     '健身房': ['健身房', '健身中心']}


def make_shop(nm, kind, core=None, chain=False, chain_kinds=None):
    r = nm.r

    def f():
        if chain:
            name, k = r.choice([x for x in CHAINS if chain_kinds is None or x[1] in chain_kinds])
            return {'kind': k, 'type': 'shop', 'full': name, 'shorts': [name], 'core': name,
                    'generics': ['一家' + k, '那家' + k]}
        head = core or r.choice(SHOP_HEAD)
        k = kind
        suffix = {'KTV': r.choice(['KTV', '量贩KTV', 'KTV会所']), '酒吧': r.choice(['酒吧', '音乐酒吧', 'LiveHouse酒吧']),
                  '麻将馆': r.choice(['麻将馆', '棋牌室', '麻将室']), '网吧': r.choice(['网吧', '网咖', '电竞馆']),
                  '汽修厂': r.choice(['汽修厂', '汽车维修中心', '汽修店', '汽车服务中心']),
                  '超市': r.choice(['超市', '购物广场', '生活超市', '百货超市']),
                  '培训机构': r.choice(['教育培训中心', '培训学校', '艺术培训中心', '托管中心']),
                  '装修公司': r.choice(['装饰工程有限公司', '装饰公司', '装修公司']),
                  '健身房': r.choice(['健身', '健身会所', '健身工作室']),
                  '美容院': r.choice(['美容院', '美容养生馆', '皮肤管理中心'])}.get(k, k)
        full = head + suffix
        if k in ('装修公司', '培训机构') and r.random() < 0.5:
            full = '玉林市' + full
        shorts = [head + k if suffix != k else full]
        if k in ('烧烤', '大排档', '夜宵店'):
            shorts += [head + r.choice(['烧烤店', '大排档', '宵夜', '烧烤摊'])]
        if full.startswith('玉林市'):
            shorts.append(full[3:])
        gen = [g for g in SHOP_KIND_GENERIC.get(k, [k])]
        gen = ['一家' + gen[0], '那家' + gen[0], '附近的' + gen[-1], gen[-1]]
        return {'kind': k, 'type': 'shop', 'full': full, 'shorts': shorts, 'generics': gen, 'core': head}
    return nm.unique(f)


FAC_KINDS = [('石材厂', 12), ('搅拌站', 9), ('砖厂', 6), ('水洗厂', 6), ('陶瓷厂', 5), ('塑料厂', 5),
             ('木材加工厂', 7), ('废品回收站', 6), ('沥青站', 2), ('铸造厂', 3), ('饲料厂', 3), ('化工厂', 2),
             ('采石场', 4), ('洗沙场', 4), ('电子厂', 2), ('服装厂', 3), ('家具厂', 3), ('铁锅厂', 1),
             ('编织厂', 1), ('制衣厂', 2)]
FAC_FULL = {'石材厂': ['石材有限公司', '石材厂', '石业有限公司'], '搅拌站': ['混凝土有限公司', '商品混凝土有限公司', '混凝土搅拌站'],
            '砖厂': ['环保砖厂', '新型建材有限公司', '砖厂'], '水洗厂': ['水洗厂', '洗水有限公司', '服装水洗厂'],
            '陶瓷厂': ['陶瓷有限公司', '陶瓷厂', '日用陶瓷有限公司'], '塑料厂': ['塑料制品厂', '塑业有限公司', '塑料厂'],
            '木材加工厂': ['木业有限公司', '板材厂', '木材加工厂'], '废品回收站': ['再生资源回收站', '废品收购站', '再生资源有限公司'],
            '沥青站': ['沥青搅拌站', '路面材料有限公司'], '铸造厂': ['铸造有限公司', '机械铸造厂'],
            '饲料厂': ['饲料有限公司', '饲料厂'], '化工厂': ['化工有限公司', '化工厂'], '采石场': ['采石场', '矿业有限公司'],
            '洗沙场': ['洗沙场', '砂石有限公司'], '电子厂': ['电子有限公司', '电子科技有限公司'],
            '服装厂': ['服饰有限公司', '服装厂', '制衣有限公司'], '家具厂': ['家具有限公司', '家具厂'],
            '铁锅厂': ['铁锅厂', '厨具有限公司'], '编织厂': ['工艺品有限公司', '编织厂'], '制衣厂': ['制衣厂', '制衣有限公司']}
FAC_GEN = {'石材厂': '石材厂', '搅拌站': '搅拌站', '砖厂': '砖厂', '水洗厂': '水洗厂', '陶瓷厂': '陶瓷厂',
           '塑料厂': '塑料厂', '木材加工厂': '木材厂', '废品回收站': '废品站', '沥青站': '沥青站', '铸造厂': '铸造厂',
           '饲料厂': '饲料厂', '化工厂': '化工厂', '采石场': '采石场', '洗沙场': '沙场', '电子厂': '电子厂',
           '服装厂': '服装厂', '家具厂': '家具厂', '铁锅厂': '铁锅厂', '编织厂': '编织厂', '制衣厂': '制衣厂'}


def make_factory(nm, loc, kind=None, core=None):
    r = nm.r
    kind = kind or wpick(r, FAC_KINDS)

    def f():
        head = core or r.choice(FAC_HEAD)
        tail = r.choice(FAC_FULL[kind])
        pre = r.choice(['玉林市', COUNTY_ABBR[loc['county']] if loc['county'] != '容县' else '容县', '广西',
                        '广西' + COUNTY_ABBR[loc['county']], ''])
        full = pre + head + tail
        g = FAC_GEN[kind]
        shorts = [head + g, head + r.choice(['公司', '厂', g])]
        if tail != g:
            shorts.append(head + tail)
        gen = ['那个' + g, '一家' + g, '附近的' + g, '这个' + g, '村边的' + g]
        return {'kind': kind, 'type': 'factory', 'full': full, 'shorts': shorts, 'generics': gen, 'core': head}
    return nm.unique(f)


FARM_KINDS = [('养猪场', 14), ('养鸭场', 5), ('养鸡场', 5), ('养牛场', 2), ('养鹅场', 1), ('屠宰场', 2), ('养殖场', 3)]


def make_farm(nm, loc, kind=None):
    r = nm.r
    kind = kind or wpick(r, FARM_KINDS)

    def f():
        u = r.random()
        vshort = strip_village(loc['village'])
        boss = r.choice(SURNAMES)
        if u < 0.3:
            full = f'{boss}某{kind}'
            shorts = [f'老{boss}的{kind}', f'姓{boss}的{kind}', f'{boss}老板的{kind}']
        elif u < 0.55:
            full = vshort + kind
            shorts = [vshort + kind, vshort + '村' + kind if not loc['village'].endswith('社区') else vshort + kind]
        elif u < 0.8:
            head = r.choice(FAC_HEAD)
            full = r.choice([loc['county'], '广西' + COUNTY_ABBR[loc['county']], '玉林市']) + head + r.choice(['生态养殖有限公司', '农牧有限公司', '牧业有限公司'])
            shorts = [head + '养殖场', head + kind, head + '公司']
        else:
            head = r.choice(FAC_HEAD)
            full = f'{head}家庭农场'
            shorts = [head + '农场', head + kind, f'{head}{kind}']
        gen = ['一个' + kind, '附近的' + kind, '那个' + kind, '村边的' + kind, kind]
        return {'kind': kind, 'type': 'farm', 'full': full, 'shorts': shorts, 'generics': gen, 'core': full[:2],
                'boss': boss}
    return nm.unique(f)


FACILITY = ['中心小学教学综合楼', '卫生院门诊综合楼', '污水处理厂', '农贸市场改造', '安置小区', '敬老院',
            '文化广场', '自来水管网', '乡村振兴示范点', '高标准农田', '初级中学学生宿舍楼', '幼儿园',
            '派出所业务用房', '镇区道路提升改造', '排水管网', '标准厂房', '冷链物流中心', '体育公园']
ROAD_PROJ = ['{a}至{b}公路改建工程', '{a}至{b}二级公路', '{a}大道道路工程', '{a}至{b}村道硬化工程', '{a}大桥工程']


def make_project(nm, loc, estate=None):
    r = nm.r

    def f():
        builder_head = r.choice(CO_HEAD)
        builder = r.choice(['广西', '玉林市', '广西玉林', '']) + builder_head + r.choice(BUILDERS_TAIL)
        tshort = strip_town(loc['town'])
        u = r.random()
        if estate is not None or u < 0.35:
            est = estate or make_estate(nm, loc)
            ph = r.choice(['二期', '三期', '一期', '', ''])
            full = est['shorts'][0] + ph + r.choice(['项目', '建设项目', '工程', '住宅项目'])
            shorts = [est['shorts'][0] + ph + '工地', est['shorts'][0] + '项目', est['shorts'][0] + ph + '项目']
            core = est['shorts'][0]
        elif u < 0.7:
            fac = r.choice(FACILITY)
            where = loc['town'] if loc['kind'] != 'urban' or r.random() < 0.3 else COUNTY_ABBR[loc['county']]
            full = where + fac + r.choice(['建设项目', '工程', '项目', '（一期）工程'])
            shorts = [tshort + fac + '工地', where + fac + '项目', fac + '工程', tshort + fac]
            core = fac
        elif u < 0.85:
            a = tshort
            b = strip_town(r.choice(list(PLACES[loc['county']])))
            if b == a:
                b = strip_village(r.choice(PLACES[loc['county']][loc['town']]))
            full = r.choice(ROAD_PROJ).format(a=a, b=b)
            shorts = [full.replace('工程', ''), a + '修路工地', f'{a}到{b}那段修路的工程']
            core = a + b
        else:
            head = r.choice(CO_HEAD)
            full = head + r.choice(['商业综合体', '产业园', '物流园', '商贸城', '酒店', '写字楼', '厂房']) + '项目'
            shorts = [full[:-2] + '工地', full[:-2]]
            core = head
        gen = ['那个工地', '一个工地', '这个项目', '附近的工地', '工地']
        return {'kind': '工地', 'type': 'project', 'full': full, 'shorts': shorts, 'generics': gen, 'core': core,
                'builder': builder, 'builder_short': builder_head + r.choice(['建设', '建筑公司', '公司'])}
    return nm.unique(f)


def make_company(nm, loc):
    r = nm.r

    def f():
        head = r.choice(CO_HEAD)
        k = r.choice(['电子有限公司', '服饰有限公司', '物流有限公司', '餐饮管理有限公司', '家政服务有限公司',
                      '劳务有限公司', '保安服务有限公司', '机械有限公司', '食品有限公司', '贸易有限公司',
                      '科技有限公司', '酒店管理有限公司', '鞋业有限公司', '药业有限公司', '包装有限公司'])
        full = r.choice(['玉林市', '广西', '', COUNTY_ABBR[loc['county']]]) + head + k
        shorts = [head + k.replace('有限公司', '公司'), head + '公司', head + k[:2] + '厂'
                  if k[:2] in ('电子', '服饰', '机械', '食品', '鞋业', '包装') else head + '公司']
        return {'kind': '公司', 'type': 'company', 'full': full, 'shorts': shorts,
                'generics': ['一家公司', '那家公司', '公司', '这家公司'], 'core': head}
    return nm.unique(f)


def make_school(nm, loc):
    r = nm.r

    def f():
        t = loc['town']
        ts = strip_town(t)
        u = r.random()
        if loc['kind'] == 'rural' and u < 0.4:
            v = strip_village(loc['village'])
            full = f'{COUNTY_ABBR[loc["county"]]}{t}{v}小学' if r.random() < 0.5 else f'{v}小学'
            shorts = [f'{v}小学', f'{v}村小学']
        elif u < 0.6:
            k = r.choice(['中心小学', '初级中学', '中学', '中心幼儿园', '第二初级中学'])
            full = jn([(COUNTY_ABBR[loc['county']], loc['county']), (t, t)]) + k
            shorts = [f'{ts}{k}', f'{t}{k}', f'{ts}{k[-2:]}']
        elif u < 0.8:
            head = r.choice(['小太阳', '博雅', '金苹果', '育才', '阳光', '童心', '启航', '爱弥尔', '小博士', '蓝天',
                             '新星', '七彩', '贝贝', '金色摇篮', '智慧树'])
            full = f'{head}幼儿园' if r.random() < 0.6 else f'玉林市{head}学校'
            shorts = [full.replace('玉林市', ''), head + r.choice(['幼儿园', '学校'])]
        else:
            c = loc['county']
            k = r.choice(['第一中学', '第二中学', '第三中学', '实验中学', '实验小学', '第一小学', '第二小学', '高级中学',
                          '职业中等专业学校', '第十一中学', '第五初级中学', '民族中学'])
            full = ('玉林市' if c in ('玉州区', '福绵区') else c) + k
            shorts = [COUNTY_ABBR[c] + k, k, COUNTY_ABBR[c] + k.replace('第', '').replace('中学', '中')]
        return {'kind': '学校', 'type': 'school', 'full': full, 'shorts': shorts,
                'generics': ['学校', '孩子读书的学校', '这所学校', '该校'], 'core': full}
    return nm.unique(f)


HOSP_CITY = ['玉林市第一人民医院', '玉林市第二人民医院', '玉林市红十字会医院', '玉林市中医医院', '玉林市妇幼保健院',
             '玉林市第三人民医院', '玉林市骨科医院', '玉林市口腔医院']
HOSP_SHORT = {'玉林市第一人民医院': ['玉林一医', '市一医院', '一医'], '玉林市第二人民医院': ['市二医', '二医院'],
              '玉林市红十字会医院': ['红会医院', '红十字会医院'], '玉林市中医医院': ['市中医院', '中医院'],
              '玉林市妇幼保健院': ['市妇幼', '妇幼保健院'], '玉林市第三人民医院': ['市三医'], '玉林市骨科医院': ['骨科医院'],
              '玉林市口腔医院': ['口腔医院']}


def make_hospital(nm, loc):
    r = nm.r

    def f():
        c = loc['county']
        u = r.random()
        if loc['kind'] == 'urban' and c == '玉州区' and u < 0.6:
            full = r.choice(HOSP_CITY)
            shorts = HOSP_SHORT[full]
        elif loc['kind'] == 'urban' and u < 0.8:
            full = c + r.choice(['人民医院', '中医医院', '妇幼保健院'])
            shorts = [COUNTY_ABBR[c] + full[len(c):], full[len(c):].replace('医医院', '医院')]
        elif loc['kind'] == 'rural' and r.random() < 0.35:
            v = strip_village(loc['village'])
            full = f'{loc["town"]}{v}村卫生室'
            shorts = [f'{v}村卫生室', '村卫生室', f'{v}卫生室']
        elif u < 0.93:
            full = f'{c}{loc["town"]}卫生院'
            shorts = [f'{loc["town"]}卫生院', f'{strip_town(loc["town"])}卫生院']
        else:
            head = r.choice(['仁爱', '博爱', '华康', '友好', '康乐', '同济', '和平', '东方'])
            full = f'玉林{head}医院'
            shorts = [f'{head}医院', f'玉林{head}']
        return {'kind': '医院', 'type': 'hospital', 'full': full, 'shorts': shorts,
                'generics': ['医院', '那家医院', '该院', '卫生院' if '卫生院' in full else '医院'], 'core': full}
    e = f()   # hospitals are shared by many people: not unique
    return e


def make_market(nm, loc):
    r = nm.r
    t = loc['town']
    if loc['kind'] == 'urban':
        full = r.choice([loc['street'].replace('路', '').replace('大道', '') + '农贸市场', '宏进农贸市场',
                         loc['village'][:-2] + '市场' if loc['village'] else '东门口市场', '玉林中药材专业市场'])
    else:
        full = r.choice([f'{t}农贸市场', f'{strip_town(t)}圩', f'{t}综合市场'])
    return {'kind': '市场', 'type': 'market', 'full': full, 'shorts': [full.replace('农贸', ''), full],
            'generics': ['市场', '菜市场', '圩场', '农贸市场'], 'core': full}


# ---------------------------------------------------------------------------
# Handling units
# ---------------------------------------------------------------------------
def U_gov(c):
    return c + '人民政府'


def U_town(c, t):
    if t.endswith('街道'):
        return f'{c}{t}办事处'
    return t + '人民政府'


def U_police(c, t):
    ts = strip_town(t)
    if c in ('玉州区', '福绵区'):
        return f'玉林市公安局{COUNTY_ABBR[c]}分局{ts}派出所'
    return f'{c}公安局{ts}派出所'


def U_dept(c, d):
    return c + d


def U_eco(c):
    return f'玉林市{COUNTY_ABBR[c]}生态环境局' if c not in ('玉州区',) else '玉林市玉州生态环境局'


def U_water(c):
    return {'玉州区': '玉林市自来水有限公司', '福绵区': '玉林市自来水有限公司'}.get(c, c + '自来水有限公司')


def U_power(c):
    return '广西电网玉林供电局' if c in ('玉州区', '福绵区') else COUNTY_ABBR[c] + '供电局'


def units_for(P):
    """(unit, weight) candidates for a problem's matter and place."""
    c, t, m = P.loc['county'], P.loc['town'], P.matter
    urb = P.loc['kind'] == 'urban'
    G, T = U_gov(c), U_town(c, t)
    def d(x):
        return U_dept(c, x)

    table = {
        'wage': [('市人力资源和社会保障局', 5), (d('人力资源和社会保障局'), 6), ('市住房和城乡建设局', 3), (G, 3), (T, 1),
                 ('玉林市劳动保障监察支队', 2)],
        'cert': [('市自然资源局', 5), ('市不动产登记中心', 4), ('市住房和城乡建设局', 5), (G, 3), (d('住房和城乡建设局'), 2)],
        'handover': [('市住房和城乡建设局', 6), (G, 3), (d('住房和城乡建设局'), 3), ('市自然资源局', 1)],
        'quality': [('市住房和城乡建设局', 6), ('玉林市建设工程质量安全监督站', 2), (d('住房和城乡建设局'), 3), (G, 1)],
        'property': [('市住房和城乡建设局', 5), (d('住房和城乡建设局'), 3), (T, 3), ('市市场监督管理局', 1), (G, 1)],
        'noise_shop': [(U_police(c, t), 5), ('市公安局', 2), ('市城市管理监督局', 3), ('市生态环境局', 2), (T, 1),
                       (d('城市管理监督局') if urb else T, 2)] +
                      ([('市文化广电体育和旅游局', 2)] if P.ent and P.ent['kind'] in ('KTV', '酒吧', '清吧', '网吧') else []),
        'noise_site': [('市生态环境局', 4), ('市住房和城乡建设局', 4), ('市城市管理监督局', 3), (U_eco(c), 2), (G, 1)],
        'livestock': [('市生态环境局', 5), (U_eco(c), 4), (d('农业农村局'), 4), ('市农业农村局', 2), (T, 4), (G, 2)],
        'industry': [('市生态环境局', 6), (U_eco(c), 4), (T, 3), (G, 3), ('市自然资源局', 2), ('市应急管理局', 1),
                     ('市工业和信息化局', 1)],
        'fumes': [('市生态环境局', 4), ('市城市管理监督局', 4), (T, 1), ('市市场监督管理局', 1)],
        'sewage': [('市城市管理监督局', 4), ('市住房和城乡建设局', 3), (T, 3), (G, 2), ('玉林市排水有限公司', 2)],
        'garbage': [('市城市管理监督局', 5), (T, 5), (G, 2), ('市生态环境局', 1)],
        'water': [(U_water(c), 6), ('市住房和城乡建设局', 2), (d('水利局'), 2), ('市水利局', 1), (T, 2), (G, 1)],
        'power': [(U_power(c), 8), ('市发展和改革委员会', 1), (T, 1)],
        'road': [('市交通运输局', 4), (d('交通运输局'), 4), ('玉林公路发展中心', 2), ('市城市管理监督局', 2), (T, 3),
                 (G, 2), ('市住房和城乡建设局', 1)],
        'light': [('市城市管理监督局', 6), (T, 3), ('市园林服务中心', 1), (d('住房和城乡建设局'), 1), ('市交通运输局', 1)],
        'illegal_build': [('市城市管理监督局', 5), ('市自然资源局', 4), (T, 4), (G, 2), (d('城市管理监督局'), 2)],
        'parking': [('市公安局交通警察支队', 5), ('市城市管理监督局', 5), (T, 1), ('市公安局', 1)],
        'dogs': [('市公安局', 3), (U_police(c, t), 2), ('市城市管理监督局', 3), ('市农业农村局', 2), (T, 2)],
        'food': [('市市场监督管理局', 7), (d('市场监督管理局'), 5)],
        'school': [('市教育局', 6), (d('教育局'), 6), (G, 1)],
        'medical': [('市卫生健康委员会', 6), (d('卫生健康局'), 4), ('市医疗保障局', 2)],
        'social': [('市人力资源和社会保障局', 5), ('市医疗保障局', 4), (d('人力资源和社会保障局'), 3), ('市社会保险事业管理中心', 2)],
        'land': [('市自然资源局', 4), (d('自然资源局'), 3), (T, 5), (G, 3), ('市农业农村局', 1), ('市信访局', 1)],
        'village': [(T, 6), (G, 3), ('市民政局', 2), ('市乡村振兴局', 2), ('市农业农村局', 1), (d('民政局'), 2)],
        'traffic': [('市公安局交通警察支队', 6), ('市交通运输局', 3), ('市城市管理监督局', 1), (G, 1)],
        'fraud': [('市公安局', 6), (U_police(c, t), 3), ('市市场监督管理局', 1), ('市地方金融监督管理局', 1)],
        'consumer': [('市市场监督管理局', 7), (d('市场监督管理局'), 4), ('市商务局', 1), ('市教育局', 1)],
        'irrigation': [('市水利局', 3), (d('水利局'), 4), (T, 5), (G, 2), ('市农业农村局', 1)],
        'telecom': [({'移动': '中国移动玉林分公司', '电信': '中国电信玉林分公司', '联通': '中国联通玉林分公司'}.get(P.a.get('op'), '中国移动玉林分公司'), 6),
                    ('市工业和信息化局', 1), (T, 1)],
        'flood': [('市城市管理监督局', 3), ('市住房和城乡建设局', 3), (T, 3), ('市水利局', 1), ('玉林市排水有限公司', 2)],
    }
    return table[m]


# ---------------------------------------------------------------------------
# Helpers for wording
# ---------------------------------------------------------------------------
def de(x):
    return x + '的' if x else ''


def zai(x):
    return '在' + x if x else ''


def LE(c, E=None):
    """place + thing, the many ways it comes out."""
    r = c.r
    L = c.L
    E = c.E if E is None else E
    if not L:
        return E
    if not E:
        return L
    if E.startswith('附近') or E.startswith('村边'):
        return L + E
    if E[:1] == '该':
        E = {'该院': '医院', '该校': '学校', '该小区': '小区'}.get(E, E[1:])
    m = merge(L, E)
    if len(m) < len(L) + len(E):
        return m
    if L[:1] in '其我':
        return L + '的' + E
    starts_generic = E[:1] in '一那这附村该' or E.startswith('小区') or E.startswith('工地')
    opts = [(L + '的' + E, 5), ('位于' + L + '的' + E, 2 if c.op else 1)]
    if not starts_generic:
        opts += [(L + E, 4), (E + '（' + L + '）', 0.5)]
    return wpick(r, opts)


class Ctx:
    pass


# ---------------------------------------------------------------------------
# Matters: attributes + how people word them
# ---------------------------------------------------------------------------
WORKS_BUILD = ['泥水工', '木工', '钢筋工', '搬砖', '水电安装', '外墙装修', '搭架子', '杂工', '刮腻子', '开挖掘机',
               '贴瓷砖', '焊工', '油漆工', '做防水', '砌墙', '装模板', '拉货']
WAGE_EXCUSE_FAC = ['生意不好', '资金周转不过来', '货款没收回来', '厂里亏本了', '要等年底一起结', '没钱',
                   '订单少没钱发', '账还没对好', '手头紧']
WORKS_FAC = ['车间普工', '缝纫工', '搬运', '操作工', '质检', '打包', '司机', '厨师', '保洁', '保安', '切石', '打磨']
WAGE_EXCUSE = ['开发商没有拨款', '工程款还没结算', '甲方没给钱', '公司资金困难', '工程还在审计', '总包没有付钱',
               '项目停工了没钱', '要等年底一起结', '账还没对好', '钱被上面压着']


def a_wage(P, r):
    build = P.ent['type'] == 'project'
    n = wpick(r, [(r.randint(2, 6), 4), (r.randint(7, 15), 4), (r.randint(16, 60), 2)])
    m = wpick(r, [(r.randint(1, 3), 4), (r.randint(4, 8), 4), (r.randint(9, 20), 2)])
    per = r.randint(3500, 9000)
    amt = int(n * per * max(1.0, m * r.uniform(0.35, 0.9)) // 100 * 100)
    return {'n': n, 'months': m, 'amount': amt, 'work': r.choice(WORKS_BUILD if build else WORKS_FAC),
            'boss': (bs := r.choice(SURNAMES)), 'boss_full': bs + person_name(r, False)[1:],
            'excuse': r.choice(WAGE_EXCUSE if build else WAGE_EXCUSE_FAC),
            'lawu': r.choice(CO_HEAD) + '劳务有限公司', 'build': build}


def boss_phrase(a, c):
    r = c.r
    if a['build']:
        return r.choice([f'包工头{a["boss"]}某', f'包工头{a["boss"]}老板', f'{a["boss"]}老板', '包工头', '工头',
                         f'包工头{a["boss_full"]}', '劳务公司', '项目负责人', f'姓{a["boss"]}的包工头',
                         a['lawu'], '施工方', '老板'])
    return r.choice([f'{a["boss"]}老板', '老板', '公司老板', '厂里', '公司', f'老板{a["boss_full"]}', '厂长', '负责人'])


def b_wage(P, c):
    r, a = c.r, P.a
    n = say_count(a['n'], r)
    dur = say_months(a['months'], r)
    amt = say_money(a['amount'], r)
    boss = boss_phrase(a, c)
    work = a['work']
    opts = []
    if c.op:
        opts += [
            f'{c.I}与{n}名工友在{LE(c)}{r.choice(["从事", "做", "干"])}{work}，{boss}拖欠{c.we}{dur}工资共计{amt}，至今未支付',
            f'{c.I}等{n}人在{LE(c)}务工，{boss}以{a["excuse"]}为由拖欠工资{amt}，多次讨要未果',
            f'{LE(c)}拖欠{c.I}及{n}名工人{dur}工资约{amt}，{boss}{r.choice(["一直推脱", "避而不见", "电话不接", "说再等等"])}',
            f'{c.I}在{LE(c)}做{work}，被拖欠工资{amt}，共涉及{n}名工人',
            f'{LE(c)}{r.choice(["欠薪", "拖欠农民工工资"])}，{n}名工人{dur}工资{amt}未结清',
        ]
    else:
        opts += [
            f'我们{n}个工人在{LE(c)}做{work}，做了{dur}，{boss}一直不给工钱，一共{amt}',
            f'{c.E or "工地"}欠我们{n}个人的工资{amt}，{boss}{r.choice(["电话都不接了", "人都找不到", "天天说下个月给", "说" + a["excuse"]])}',
            f'本人在{LE(c)}打工，被拖欠{dur}工资{amt}，{boss}说{a["excuse"]}',
            f'{LE(c)}的{boss}拖欠我们工资，{amt}，{n}个人，{dur}了一分钱都没拿到',
            f'我在{LE(c)}做{work}，{boss}到现在还欠我{say_money(max(2000, a["amount"] // max(1, a["n"])), r)}',
        ]
    s = r.choice(opts)
    if not c.short:
        extra = []
        if c.dt.month in (12, 1, 2) and r.random() < 0.6:
            extra.append(r.choice(['马上过年了，工人急着用钱回家', '年关将近，工友们都等着这笔钱过年',
                                   '过年了没钱回家', '快过年了，家里老小等着钱用']))
        if r.random() < 0.35:
            extra.append(r.choice((['工程已经完工' + say_months(r.randint(1, 8), r), '项目部推给劳务公司，劳务公司又推给包工头',
                                    '包工头已经联系不上', '去项目部找了好几次都说没钱'] if a['build'] else
                                   ['老板已经联系不上', '去厂里找了好几次都说没钱', '厂里已经停产了']) +
                                  ['有工人家里老人生病急需用钱', f'{c.I}已到劳动监察大队反映过', '工资都是口头约定的，没有签合同',
                                   '有考勤记录和欠条']))
        if extra:
            s += '，' + '，'.join(extra)
    return s


DEM_WAGE_OP = ['帮忙追讨被拖欠的工资', '督促施工方尽快支付工资', '相关部门协调解决欠薪问题', '尽快结清工资']
DEM_WAGE_ME = ['希望政府帮我们讨回血汗钱', '请劳动部门帮帮我们', '希望尽快拿到工资', '请领导帮我们讨薪']

CERT_REASON = ['在等验收', '土地出让金还没交清', '土地被抵押了', '规划有问题要整改', '资料还在报批', '消防还没验收',
               '要等整个小区一起办', '开发商欠税', '测绘还没做']


def a_cert(P, r):
    by = r.randint(2012, 2022)
    return {'buy_year': by, 'hh': r.choice([r.randint(60, 300), r.randint(300, 1500)]),
            'reason': r.choice(CERT_REASON), 'paid': r.choice(['契税', '维修基金', '办证费', '契税和维修基金'])}


def b_cert(P, c):
    r, a, e = c.r, P.a, P.ent
    yrs = max(1, c.dt.year - a['buy_year'])
    dev = r.choice([e['dev'], e['dev_short'], '开发商', '开发商', '开发商'])
    E = c.E
    if c.op:
        opts = [
            f'{c.I}于{a["buy_year"]}年在{LE(c)}购买商品房，已交清房款及{a["paid"]}，至今仍未办理不动产权证，{dev}一直推脱',
            f'{LE(c)}业主购房已{say_years(yrs, r)}，至今无法办理房产证，涉及{say_count(a["hh"], r)}户业主',
            f'{LE(c)}交房{say_years(yrs, r)}，{dev}以{a["reason"]}为由迟迟不给业主办证',
            f'{c.I}系{LE(c)}业主，{a["buy_year"]}年购房，房产证至今未办下来',
            f'{LE(c)}办证难，{dev}收取了{a["paid"]}，但{say_years(yrs, r)}未给办理不动产权证书',
        ]
    else:
        opts = [
            f'我在{LE(c)}买房已经{say_years(yrs, r)}了，到现在都办不了房产证，问开发商就说{a["reason"]}',
            f'{E or "我们小区"}办证难！{dev}收了我们的{a["paid"]}，{say_years(yrs, r)}了证都办不下来',
            f'{LE(c)}的房产证什么时候能办？{a["buy_year"]}年就交房了',
            f'我们{E or "小区"}{say_count(a["hh"], r)}户业主都没有房产证，开发商一拖再拖',
            f'请问{LE(c)}不动产证到底什么时候办，小孩读书要用房产证',
        ]
    s = r.choice(opts)
    if not c.short and r.random() < 0.4:
        s += '，' + r.choice(['小孩上学、落户都受影响', '房子想卖也卖不了', '去不动产登记中心问，说开发商资料不齐',
                             '开发商每次都说快了快了', '业主多次到售楼部维权没有结果', '贷款也办不了'])
    return s


DEM_CERT_OP = ['督促开发商尽快为业主办理不动产权证', '尽快解决办证问题', '相关部门协调解决业主办证难问题']
DEM_CERT_ME = ['希望政府督促开发商尽快办证', '请相关部门给个说法', '希望早日拿到房产证']


def a_handover(P, r):
    py = P.start.year - r.choice([0, 0, 1, 1, 2])
    return {'py': py, 'pm': r.randint(1, 12), 'hh': r.randint(80, 900),
            'state': r.choice(['停工', '工地没什么人在做', '只建到主体', '外墙还没做', '一直在慢慢做'])}


def b_handover(P, c):
    r, a, e = c.r, P.a, P.ent
    late = max(1, (c.dt.year - a['py']) * 12 + c.dt.month - a['pm'])
    dev = r.choice([e['dev'], e['dev_short'], '开发商', '开发商'])
    if c.op:
        opts = [
            f'{c.I}在{LE(c)}购房，合同约定{a["py"]}年{a["pm"]}月交房，现已逾期{say_months(late, r)}仍未交房，{dev}未给出明确交房时间',
            f'{LE(c)}逾期未交房，项目{a["state"]}，涉及业主{say_count(a["hh"], r)}户',
            f'{LE(c)}{dev}承诺{a["py"]}年交房，至今未交付，业主要求退房或赔偿',
        ]
    else:
        opts = [
            f'{c.E or "我们买的楼盘"}说好{a["py"]}年{a["pm"]}月交房，现在拖了{say_months(late, r)}了还没交，{a["state"]}',
            f'{LE(c)}延期交房{say_months(late, r)}了，开发商一点说法都没有',
            f'买了{LE(c)}的房，房贷每个月都在还，房子遥遥无期',
        ]
    s = r.choice(opts)
    if not c.short and r.random() < 0.4:
        s += '，' + r.choice(['每个月还要还房贷又要租房', '开发商说资金链紧张', '违约金也不给', '工地几个月都没有动静',
                             '业主群里大家都很着急'])
    return s


QUALITY_ISSUES = ['楼顶漏水', '外墙瓷砖脱落', '墙体开裂', '地下室渗水', '窗户漏水', '卫生间漏水到楼下', '地面空鼓开裂',
                  '电梯质量差经常困人']


def a_quality(P, r):
    return {'issue': P.sub or r.choice(QUALITY_ISSUES)}


def b_quality(P, c):
    r, a = c.r, P.a
    iss = a['issue']
    b = bld_forms(P.loc['bld'], r) if P.loc.get('bld') and r.random() < 0.6 else ''
    if c.op:
        opts = [f'{LE(c)}{b}存在{iss}问题，{c.I}多次找开发商和物业维修未果',
                f'{LE(c)}交房不久即出现{iss}，存在安全隐患，开发商推诿不处理',
                f'{c.I}家住{LE(c)}{b}，{iss}，{r.choice(["墙面发霉", "家具泡坏", "影响居住", "担心砸到人"])}']
    else:
        opts = [f'{LE(c)}{b}{iss}，找开发商说过了保修期，找物业说不归他们管',
                f'我家{b}{iss}好久了，{c.E or "开发商"}一直不来修',
                f'{c.E or "小区"}房子质量太差，{iss}，下雨天更严重']
    return r.choice(opts)


PROP_ISSUES = ['电梯经常故障', '乱收停车费', '物业费上涨', '小区卫生差', '保安不作为', '二次供水水质差', '公共收益不公开',
               '业委会选举', '小区绿化被毁', '消防通道被占', '门禁坏了', '车库漏水']


def a_property(P, r):
    return {'issue': P.sub or r.choice(PROP_ISSUES), 'fee': r.choice([1.2, 1.5, 1.8, 2.0, 2.5]),
            'park': r.choice([150, 200, 250, 300, 350])}


def b_property(P, c):
    r, a, e = c.r, P.a, P.ent
    iss = a['issue']
    iss_t = iss[2:] if iss.startswith('小区') and c.E.endswith('小区') else iss
    pm = r.choice([e['pm'], '物业', '物业公司', '物业', e['pm'].replace('有限公司', '')])
    det = {'电梯经常故障': r.choice(['经常困人', '一个月坏好几次', '老人小孩上下楼很不方便', '上周还困了一个小孩']),
           '乱收停车费': f'每个月停车费{a["park"]}元，没有公示也没有发票',
           '物业费上涨': f'物业费从每平米{a["fee"]}元涨价，没有经过业主同意',
           '小区卫生差': r.choice(['垃圾几天不清', '楼道很脏', '化粪池满了也不处理']),
           '保安不作为': r.choice(['外来人员随便进出', '电动车被偷保安不管', '晚上门岗没人']),
           '二次供水水质差': r.choice(['水有异味', '水箱很久没清洗', '水发黄']),
           '公共收益不公开': '电梯广告、停车等公共收益从来不公示',
           '业委会选举': '物业阻挠业主成立业委会',
           '小区绿化被毁': '绿化带被改成停车位',
           '消防通道被占': '消防通道长期停满车',
           '门禁坏了': '门禁坏了几个月没修',
           '车库漏水': '地下车库一下雨就漏水'}[iss]
    if c.op:
        opts = [f'{LE(c)}{pm}{det}，{c.I}认为{pm}管理不到位',
                f'{LE(c)}{iss_t}，{det}，多次向{pm}反映未解决',
                f'{c.I}系{LE(c)}业主，反映小区{iss}问题：{det}']
    else:
        opts = [f'{LE(c)}{det}，{pm}根本不管',
                f'我们{c.E or "小区"}{iss_t}，{det}',
                f'投诉{pm}，{det}，找他们就推来推去']
    return r.choice(opts)


NOISE_SRC = {'烧烤': ['客人喝酒划拳', '大声喧哗', '摆桌子到人行道上', '抽油烟机轰轰响', '放音乐'],
             'KTV': ['音响声音很大', '低音炮震得窗户都响', '客人唱歌鬼哭狼嚎', '散场时在门口吵闹'],
             '酒吧': ['音乐开得很大声', '驻唱唱到半夜', '低音炮很吵', '门口有人闹事'],
             '麻将馆': ['洗麻将的声音', '打麻将吵闹', '机麻声音很大'],
             '汽修厂': ['敲敲打打', '气泵声音很大', '晚上还在修车', '打磨机声音刺耳'],
             'default': ['声音很大', '吵闹', '音响很吵', '机器声音很大', '喧哗声']}


def a_noise_shop(P, r):
    k = P.ent['kind']
    src = NOISE_SRC.get(k if k in NOISE_SRC else ('烧烤' if k in ('大排档', '夜宵店', '烤鱼店', '饭店', '酒楼') else 'default'))
    return {'until': r.choice([0, 1, 1, 2, 2, 2, 3, 3, 4, 23]), 'src': r.sample(src, min(2, len(src))),
            'floor': r.randint(2, 18)}


def b_noise_shop(P, c):
    r, a = c.r, P.a
    h = a['until']
    hp = say_hour(h, r) if h < 6 else r.choice(['晚上11点多', '半夜', '晚上十一二点'])
    src = r.choice(a['src'])
    if c.op:
        opts = [f'{LE(c)}每天晚上经营到{hp}左右，{src}，噪音扰民严重，影响周边居民休息',
                f'{LE(c)}夜间{src}，持续到{hp}，严重影响{c.I}及周边居民休息',
                f'{c.I}家楼下{c.E or "商铺"}{src}，噪音很大，{c.I}住{a["floor"]}楼都听得很清楚',
                f'{LE(c)}噪音扰民，{src}，{hp}还不停']
    else:
        opts = [f'{LE(c)}天天晚上{src}，吵到{hp}，根本睡不着',
                f'{c.E or "楼下的店"}太吵了！{src}，每晚都到{hp}',
                f'{LE(c)}噪音扰民，家里有老人小孩，{r.choice(["整晚睡不着", "天天失眠", "吵到小孩哭", "好吵"])}',
                f'我家住{a["floor"]}楼，{de(c.L)}{c.E or "楼下的店"}{src}，吵死人了',
                f'{LE(c)}{src}吵到半夜，报警了几次来了又走，过一阵又照旧']
    s = r.choice(opts)
    if not c.short and r.random() < 0.3:
        s += '，' + r.choice(['打110派出所来过但没用', '跟老板说过，老板态度很差', '周边很多住户都受不了',
                             '小孩马上要中考了', '家里有病人需要休息'])
    return s


MACH = ['打桩机', '混凝土泵车', '搅拌车', '挖掘机', '切割机', '振动棒', '塔吊', '风镐', '运泥车']


def a_noise_site(P, r):
    return {'mach': r.sample(MACH, 2), 'until': r.choice([23, 0, 1, 2, 3, 4, 5])}


def b_noise_site(P, c):
    r, a = c.r, P.a
    mach = r.choice(a['mach'])
    hp = say_hour(a['until'], r) if a['until'] < 6 else '半夜'
    if c.op:
        opts = [f'{LE(c)}夜间施工，{mach}作业到{hp}，噪音很大，严重影响周边居民休息',
                f'{LE(c)}违规夜间施工扰民，{mach}声音很大',
                f'{LE(c)}每天晚上都在施工，{c.I}怀疑未办理夜间施工许可']
    else:
        opts = [f'{LE(c)}天天半夜施工，{mach}响到{hp}，还让不让人睡觉',
                f'{c.E or "旁边的工地"}晚上{mach}一直响，吵死了',
                f'{LE(c)}晚上还在打灰，{mach}声音特别大，白天上班晚上睡不好']
    s = r.choice(opts)
    if not c.short and r.random() < 0.3:
        s += '，' + r.choice(['泥头车进出还撒泥巴在路上', '灰尘也很大', '白天施工也不洒水', '附近有学校和医院'])
    return s


WATERS = ['村边的小河', '鱼塘', '水渠', '南流江', '稻田', '山塘', '河里', '村里的水沟', '旁边的溪']


def a_livestock(P, r):
    return {'heads': r.choice([r.randint(2, 9) * 100, r.randint(10, 60) * 100]), 'dist': r.choice([20, 30, 50, 80, 100, 150, 200]),
            'water': r.choice(WATERS), 'fx': r.sample(['臭', '污水', '苍蝇', '噪音'], 2)}


def b_livestock(P, c):
    r, a, e = c.r, P.a, P.ent
    k = e['kind']
    animal = {'养猪场': '猪', '养鸭场': '鸭', '养鸡场': '鸡', '养牛场': '牛', '养鹅场': '鹅', '屠宰场': '猪'}.get(k, '猪')
    head = say_count(a['heads'], r) if a['heads'] < 1000 else r.choice([f'{a["heads"]}', f'{a["heads"] // 1000}千多', '几千'])
    fx = []
    for f in a['fx']:
        fx.append({'臭': r.choice(['臭气熏天', '臭味很大', '一股粪便味', '臭得门窗都不敢开', '好臭']),
                   '污水': r.choice([f'污水直接排入{a["water"]}', f'粪水流到{a["water"]}', f'废水偷排到{a["water"]}']),
                   '苍蝇': r.choice(['苍蝇蚊子特别多', '苍蝇成群', '夏天苍蝇多到吃饭都要赶']),
                   '噪音': r.choice([f'{animal}叫声很吵', '晚上风机很吵'])}[f])
    if c.op:
        opts = [f'{LE(c)}距离村民住房仅{a["dist"]}米，{"，".join(fx)}，影响村民生活',
                f'{LE(c)}养殖{animal}约{head}{"只" if animal in "鸡鸭鹅" else "头"}，{"，".join(fx)}',
                f'{c.L + "有" if c.L else ""}{c.E or k}{fx[0]}，严重影响周边群众生活']
    else:
        opts = [f'{LE(c)}{fx[0]}，{fx[1]}，我们天天闻着这个味',
                f'{c.L or "我们村"}旁边的{c.E or k}{fx[0]}，{fx[-1]}，一下雨更严重',
                f'{de(c.L)}{c.E or k}离我家才{a["dist"]}米，{fx[0]}，有没有人管管',
                f'举报{LE(c)}，{"，".join(fx)}']
    s = r.choice(opts)
    if not c.short and r.random() < 0.3:
        s += '，' + r.choice(['不知道有没有环评手续', '村干部说管不了', '小孩老人经常生病', '井水都有味道了',
                             '鱼塘的鱼都死了', '去年也反映过，整改了一段时间又照旧'])
    return s


IND_FX = {'石材厂': ['粉尘', '切割噪音', '石粉废水'], '搅拌站': ['粉尘', '噪音', '泥浆水', '罐车夜间进出'],
          '砖厂': ['黑烟', '粉尘'], '水洗厂': ['废水', '异味'], '陶瓷厂': ['黑烟', '粉尘', '异味'],
          '塑料厂': ['异味', '黑烟'], '木材加工厂': ['木屑粉尘', '噪音', '烧锅炉冒黑烟'], '废品回收站': ['焚烧废品', '异味', '乱堆乱放'],
          '沥青站': ['沥青异味', '黑烟'], '铸造厂': ['噪音', '黑烟'], '饲料厂': ['异味', '粉尘'], '化工厂': ['刺鼻气味', '废水'],
          '采石场': ['放炮震动', '粉尘', '非法开采'], '洗沙场': ['泥浆水', '噪音', '河道被挖'], '电子厂': ['异味', '噪音'],
          '服装厂': ['噪音', '废水'], '家具厂': ['油漆味', '粉尘'], '铁锅厂': ['黑烟', '噪音'], '编织厂': ['异味'],
          '制衣厂': ['噪音', '废水']}


def a_industry(P, r):
    k = P.ent['kind']
    fx = IND_FX.get(k, ['异味', '噪音'])
    return {'fx': r.sample(fx, min(2, len(fx))), 'night': r.random() < 0.5, 'water': r.choice(WATERS),
            'dist': r.choice([30, 50, 100, 200, 300])}


def fx_text(f, a, r):
    return {'粉尘': r.choice(['粉尘很大', '灰尘满天飞', '家里桌子天天一层灰', '粉尘污染严重']),
            '切割噪音': r.choice(['切石头的声音很刺耳', '切割机噪音很大']),
            '石粉废水': r.choice([f'石粉废水排到{a["water"]}', '废水乱排，河水都变白了']),
            '噪音': r.choice(['机器噪音很大', '噪音扰民', '轰隆隆响个不停']),
            '泥浆水': r.choice([f'泥浆水流到{a["water"]}', '泥浆水流到路上']),
            '罐车夜间进出': '罐车晚上进进出出',
            '黑烟': r.choice(['烟囱冒黑烟', '天天冒黑烟', '浓烟滚滚']),
            '废水': r.choice([f'废水直排{a["water"]}', f'污水排进{a["water"]}，水都变色了', '偷排废水']),
            '异味': r.choice(['气味很难闻', '有刺鼻的味道', '臭味很大']),
            '木屑粉尘': '木屑粉尘到处飘', '烧锅炉冒黑烟': '烧锅炉冒黑烟',
            '焚烧废品': r.choice(['晚上偷偷烧电线', '焚烧垃圾废品', '烧塑料黑烟很臭']),
            '乱堆乱放': '废品堆到路边', '沥青异味': '沥青味很重', '刺鼻气味': '有刺鼻气味，闻了头晕',
            '放炮震动': r.choice(['放炮震得房子开裂', '经常放炮']), '非法开采': '怀疑无证开采',
            '河道被挖': '河道被挖得乱七八糟', '油漆味': '油漆味很重'}.get(f, f)


def b_industry(P, c):
    r, a, e = c.r, P.a, P.ent
    fx = [fx_text(f, a, r) for f in a['fx']]
    night = r.choice(['晚上也在生产', '夜间偷偷生产', '半夜还开工', '24小时不停']) if a['night'] else ''
    if c.op:
        opts = [f'{LE(c)}{"，".join(fx)}{"，" + night if night else ""}，影响周边居民生活',
                f'{LE(c)}存在污染问题：{"，".join(fx)}',
                f'{c.L + "有" if c.L else ""}{c.E or e["kind"]}{fx[0]}，距离民房约{a["dist"]}米']
    else:
        opts = [f'{LE(c)}{fx[0]}{"，" + night if night else ""}，附近的人都受不了',
                f'举报{LE(c)}，{"，".join(fx)}',
                f'{de(c.L)}{c.E or e["kind"]}污染太严重了，{fx[-1]}，有没有人管',
                f'{c.L or "我们这里"}{c.E or "有个厂"}{fx[0]}，{r.choice(["好几年了", "天天这样", "一直没人管"])}']
    s = r.choice(opts)
    if not c.short and r.random() < 0.3:
        s += '，' + r.choice(['不知道有没有环评', '环保局来过之后停了几天又开了', '村民多次找厂里协商无果',
                             '庄稼都受影响了', '老人小孩咳嗽', '晚上偷偷生产白天停'])
    return s


def a_fumes(P, r):
    return {'floor': r.randint(2, 12)}


def b_fumes(P, c):
    r = c.r
    if c.op:
        opts = [f'{LE(c)}油烟直排，未安装油烟净化设备，油烟飘进{c.I}家中',
                f'{LE(c)}排烟管道对着居民楼，油烟污染严重',
                f'{LE(c)}在门口烧炭烤肉，烟雾很大，影响楼上住户']
    else:
        opts = [f'{LE(c)}油烟太大了，我家住{P.a["floor"]}楼，窗都不敢开',
                f'{c.E or "楼下饭店"}的抽油烟管直接对着我家窗户，天天烟熏',
                f'{LE(c)}油烟扰民，衣服晾出去都是油烟味']
    return r.choice(opts)


SEW_SPOTS = ['路口', '门口', '人行道', '巷子里', '市场旁边', '学校门口', '公交站旁', '路边', '十字路口']


def a_sewage(P, r):
    return {'spot': r.choice(SEW_SPOTS), 'kind': P.sub or r.choice(['下水道堵塞', '污水外溢', '化粪池满溢', '雨污管道破损',
                                                                  '井盖缺失', '排水沟臭'])}


def b_sewage(P, c):
    r, a = c.r, P.a
    k = a['kind']
    sp = a['spot']
    det = {'下水道堵塞': r.choice(['下水道堵了', '下水道堵塞，污水排不出去']),
           '污水外溢': r.choice(['污水冒出来流到路面', '污水外溢臭气熏天', '黑水从井盖冒出来']),
           '化粪池满溢': r.choice(['化粪池满了溢出来', '化粪池冒粪水']),
           '雨污管道破损': r.choice(['污水管破了', '排污管道断了污水到处流']),
           '井盖缺失': r.choice(['井盖不见了很危险', '井盖破损，晚上有人掉下去过']),
           '排水沟臭': r.choice(['排水沟很臭', '水沟发黑发臭，蚊子很多'])}[k]
    if c.op:
        opts = [f'{de(c.L)}{sp}{det}，影响行人通行及周边环境', f'{c.L}{sp}{det}，已持续{say_months(r.randint(1, 6), r)}',
                f'{c.L or "其住处附近"}{det}，请相关部门疏通处理']
    else:
        opts = [f'{de(c.L)}{sp}{det}，走路都要绕着走', f'{c.L or "我家门口"}{det}，好臭', f'{c.L}{sp}{det}，几个月了没人管']
    return r.choice(opts)


def a_garbage(P, r):
    return {'spot': r.choice(['路口', '村口', '桥头', '市场边', '河边', '小区门口', '垃圾池', '空地上', '学校旁边']),
            'days': r.choice([5, 7, 10, 15, 20, 30]), 'burn': r.random() < 0.3}


def b_garbage(P, c):
    r, a = c.r, P.a
    d = r.choice([f'{a["days"]}天', f'{cn_num(a["days"])}天', '半个月' if a['days'] == 15 else f'{a["days"]}多天', '很多天'])
    burn = r.choice(['还有人在那里烧垃圾', '有人点火烧，烟很大']) if a['burn'] else ''
    if c.op:
        opts = [f'{de(c.L)}{a["spot"]}垃圾堆积{d}无人清运，臭气熏天{"，" + burn if burn else ""}',
                f'{c.L}{a["spot"]}的垃圾长期无人清理，蚊蝇滋生',
                f'{c.L or "其住处附近"}环卫不到位，垃圾{d}没人拉']
    else:
        opts = [f'{de(c.L)}{a["spot"]}的垃圾{d}没人拉了，臭死了{"，" + burn if burn else ""}',
                f'{c.L or "我们这里"}{a["spot"]}垃圾堆成山，环卫车好久不来',
                f'{c.L}垃圾没人清运，{r.choice(["苍蝇老鼠很多", "下雨天污水横流", "路过都要捂鼻子"])}']
    return r.choice(opts)


def a_water(P, r):
    return {'kind': P.sub or r.choice(['停水', '水压低', '水质浑浊', '未通自来水', '水费异常', '管道爆裂']),
            'days': r.choice([1, 2, 3, 3, 4, 5, 7, 10]), 'floor': r.randint(3, 20)}


def b_water(P, c):
    r, a = c.r, P.a
    k = a['kind']
    dd = r.choice([f'{a["days"]}天', f'{cn_num(a["days"])}天', f'{a["days"]}天了'])
    det = {'停水': r.choice([f'已经停水{dd}', f'无故停水{dd}，没有提前通知', f'连续停水{dd}']),
           '水压低': r.choice([f'水压很低，{a["floor"]}楼以上基本没水', '水压不够，热水器都点不着', '白天水很小，晚上才有水']),
           '水质浑浊': r.choice(['自来水发黄浑浊', '水里有泥沙，有异味', '自来水有漂白水味还很浑']),
           '未通自来水': r.choice(['一直没有通自来水，还在喝井水', '自来水管网一直没接进来', '饮水工程建好了一直没通水']),
           '水费异常': r.choice(['这个月水费突然多了好几倍', '水表不准，水费很高']),
           '管道爆裂': r.choice(['自来水管爆了，水一直流', '路边水管破裂，浪费很多水'])}[k]
    if c.op:
        opts = [f'{c.L or "其住处"}{det}，影响群众正常生活', f'{de(c.L)}{r.choice(["居民称", "住户", "群众"])}{det}', f'{c.L}{det}，{c.I}多次联系水厂未解决']
    else:
        opts = [f'{c.L or "我们这里"}{det}，饭都煮不了', f'{c.L}{det}，打水厂电话都没人接', f'{det}！{c.L}']
    return r.choice(opts)


def a_power(P, r):
    return {'kind': P.sub or r.choice(['频繁停电', '电压低', '电线杆倾斜', '变压器噪音', '电线老化', '长时间停电']),
            'times': r.choice([3, 4, 5, 6, 8, 10])}


def b_power(P, c):
    r, a = c.r, P.a
    det = {'频繁停电': r.choice([f'一个星期停电{say_count(a["times"], r)}次', '经常停电，又不提前通知', '三天两头停电']),
           '电压低': r.choice(['电压太低，空调冰箱都带不动', '电压不稳，电器烧坏了好几个', '晚上电灯都是暗的']),
           '电线杆倾斜': r.choice(['电线杆歪了快倒下来', '电线杆倾斜很危险', '电线垂得很低，车过都会碰到']),
           '变压器噪音': r.choice(['变压器嗡嗡响，晚上睡不着', '变压器噪音很大']),
           '电线老化': r.choice(['电线老化经常冒火花', '线路老化很危险']),
           '长时间停电': r.choice(['从昨晚停电到现在还没来电', '停电十几个小时了', '停电一整天了'])}[a['kind']]
    if c.op:
        opts = [f'{c.L or "其住处"}{det}，影响生活生产', f'{de(c.L)}{r.choice(["村民", "居民", "群众"])}反映{det}'.replace('的村民反映', '村民反映'),
                f'{c.L}{det}，请供电部门尽快处理']
    else:
        opts = [f'{c.L or "我们这里"}{det}，' + ('天气这么热怎么过' if 5 <= c.dt.month <= 9 else '生活很不方便'), f'{c.L}{det}，冰箱里的东西都坏了', f'{det}，{c.L}']
    return r.choice(opts)


ROAD_ISS = ['坑洼不平', '路面塌陷', '下雨积水', '修了一半停工', '缺少护栏', '路面开裂', '被大货车压坏', '泥泞难行']


def a_road(P, r):
    L = P.loc
    if L['kind'] == 'rural':
        other = r.choice(PLACES[L['county']][L['town']])
        road = r.choice([f'{strip_village(L["village"])}至{strip_village(other)}的村道',
                         f'{L["village"]}到{strip_town(L["town"])}圩的路', f'{L["village"]}进村道路', '村里的主干道',
                         f'{sub_canon(L["sub"])}到村委的路' if L['sub'] else '进村的路'])
    else:
        road = L['street'] + r.choice(['', '', '路段', '人行道', '辅道'])
    return {'road': road, 'issue': P.sub or r.choice(ROAD_ISS), 'len': r.choice([100, 200, 300, 500, 800, 1000, 2000])}


def b_road(P, c):
    r, a = c.r, P.a
    iss = a['issue']
    rd = a['road'] if r.random() < 0.7 else r.choice(['那条路', '这段路', '路'])
    det = {'坑洼不平': r.choice(['坑坑洼洼', '到处是坑', '坑洼不平，电动车经常摔倒']),
           '路面塌陷': r.choice(['路面塌陷了一个大坑', '路基下沉塌陷']),
           '下雨积水': r.choice(['一下雨就积水', '积水有半米深', '一下雨就水浸']),
           '修了一半停工': r.choice(['修了一半就停工了', '挖开了就不管了', '动工以后停了几个月']),
           '缺少护栏': r.choice(['路边没有护栏，旁边就是鱼塘', '急弯没有护栏，很危险']),
           '路面开裂': '路面开裂破损', '被大货车压坏': r.choice(['被拉石头的大货车压烂了', '泥头车把路压坏了']),
           '泥泞难行': '一下雨泥泞不堪，小孩上学都难走'}[iss]
    pl = c.L
    if pl:
        for comp in (P.loc.get('street'), P.loc.get('village'), sub_canon(P.loc.get('sub'))):
            if comp and comp in pl and rd.startswith(comp):
                rd = rd[len(comp):] if len(rd) > len(comp) + 1 else ''
        if pl in rd:
            pl = ''
    if not rd:
        rd = r.choice(['', '路段', '这段路'])
    dp = de(pl) if rd else pl
    if c.op:
        opts = [f'{dp}{rd}{det}，长约{a["len"]}米，存在安全隐患', f'{pl}{rd}{det}，影响群众出行',
                f'{pl}{rd}{det}，已发生多起摔伤事故']
    else:
        opts = [f'{dp}{rd}{det}，什么时候修？', f'{pl}{rd}{det}，出行太不方便了', f'{rd}{det}，{pl}'.rstrip('，')]
    return r.choice(opts)


def a_light(P, r):
    L = P.loc
    road = L['street'] if L['kind'] != 'rural' else r.choice(['村道', '进村路', '村里那条路', '桥头那段路', '村委门口'])
    return {'road': road, 'cnt': r.choice([3, 5, 8, 10, 12, 15, 20]), 'm': r.choice([1, 2, 3, 4, 6])}


def b_light(P, c):
    r, a = c.r, P.a
    cnt = say_count(a['cnt'], r)
    road = a['road']
    L = c.L
    if L and road in L:
        road = ''
    if c.op:
        opts = [f'{L}{road}有{cnt}盏路灯不亮，已持续{say_months(a["m"], r)}，夜间出行不安全',
                f'{L}{road}路灯损坏，晚上一片漆黑', f'{de(L + road)}路灯长期不亮']
    else:
        opts = [f'{L}{road}路灯坏了{say_months(a["m"], r)}，晚上黑乎乎的', f'{road or "这里"}的路灯一直不亮，{L}'.rstrip('，'),
                f'{L}路灯{cnt}盏都不亮，晚上走路很怕']
    return r.choice(opts)


def a_illegal(P, r):
    return {'actor': r.choice(['邻居', '某户村民', '一楼住户', '顶楼住户', '某商户', '有人', '村民' + r.choice(SURNAMES) + '某', '一家公司']),
            'what': P.sub or r.choice(['加建楼层', '搭建铁皮棚', '占用公共绿地', '占用村道建房', '在河边建房', '占用消防通道',
                                       '楼顶违建', '占用耕地建房'])}


def b_illegal(P, c):
    r, a = c.r, P.a
    if c.op:
        opts = [f'{de(c.L)}{a["actor"]}{a["what"]}，属违法建设，影响{c.I}采光通行', f'{c.L}有人{a["what"]}，{c.I}怀疑未办理审批手续',
                f'{c.L}{a["actor"]}正在{a["what"]}，请相关部门制止']
    else:
        opts = [f'{c.L}{a["actor"]}{a["what"]}，挡住了我家', f'举报{c.L}{a["actor"]}{a["what"]}', f'{c.L or "我家旁边"}有人{a["what"]}，没人管吗']
    return r.choice(opts)


def a_parking(P, r):
    return {'what': P.sub or r.choice(['乱停车堵路', '占道经营', '大货车停在路边', '电动车乱停', '摆摊占用人行道', '僵尸车']),
            'spot': r.choice(['路口', '门口', '人行道', '学校门口', '小区门口', '菜市场旁边'])}


def b_parking(P, c):
    r, a = c.r, P.a
    if c.op:
        opts = [f'{de(c.L)}{a["spot"]}{a["what"]}，造成交通拥堵', f'{c.L}{a["spot"]}长期{a["what"]}，影响通行安全']
    else:
        opts = [f'{de(c.L)}{a["spot"]}{a["what"]}，每天上下班都堵', f'{c.L}{a["what"]}太严重了，车都过不去']
    return r.choice(opts)


def a_dogs(P, r):
    return {'what': P.sub or r.choice(['流浪狗多', '狗咬人', '大型犬不拴绳', '养狗扰民']), 'n': r.choice([5, 8, 10, 20])}


def b_dogs(P, c):
    r, a = c.r, P.a
    det = {'流浪狗多': f'有{say_count(a["n"], r)}只流浪狗到处乱窜', '狗咬人': r.choice(['流浪狗咬伤了小孩', '有狗咬伤了老人', '经常有人被狗追着咬']),
           '大型犬不拴绳': '有人遛大狗不拴绳，小孩很害怕', '养狗扰民': '邻居养了几条狗，整夜叫'}[a['what']]
    return f'{c.L or ("其住处附近" if c.op else "我家附近")}{det}' + r.choice(['，存在安全隐患', '', '，请相关部门处理', '，很担心'])


FOOD_ITEMS = ['牛奶', '面包', '猪肉', '熟食', '米粉', '饮料', '月饼', '零食', '牛巴', '腊肠', '奶粉', '鸡蛋']


def a_food(P, r):
    return {'item': r.choice(FOOD_ITEMS), 'prob': P.sub or r.choice(['过期', '变质', '吃出异物', '吃后腹泻', '无证经营', '卫生差']),
            'money': r.choice([12, 18, 25, 38, 45, 66, 88, 128])}


def b_food(P, c):
    r, a = c.r, P.a
    it, pr = a['item'], a['prob']
    det = {'过期': f'买的{it}已经过期了', '变质': f'买到的{it}发霉变质', '吃出异物': f'在{it}里吃出了{r.choice(["虫子", "头发", "塑料片", "钢丝"])}',
           '吃后腹泻': f'吃了{it}以后上吐下泻', '无证经营': '没有营业执照和食品经营许可证', '卫生差': '后厨很脏，老鼠蟑螂多'}[pr]
    if c.op:
        opts = [f'{c.I}在{LE(c)}购买{it}，{det}，商家拒绝赔偿', f'{LE(c)}{det}，{c.I}要求相关部门查处', f'{c.I}于{c.dt.month}月{max(1, c.dt.day - r.randint(0, 3))}日在{LE(c)}消费，{det}']
    else:
        tail = {'过期': '已经过期了', '变质': '发霉变质了'}.get(pr, '，' + det)
        opts = [f'在{LE(c)}买的{it}{tail}，老板不认账', f'{LE(c)}{det}，希望查一下',
                f'举报{LE(c)}{det}']
    return r.choice(opts)


SCHOOL_ISS = ['乱收费', '校车超载', '入学难', '食堂卫生', '老师体罚学生', '放学拥堵', '违规补课', '校园欺凌', '作业太多', '营养餐']


def a_school(P, r):
    f = P.ent['full'] if P.ent else ''
    if '幼儿园' in f:
        g = ['小班', '中班', '大班']
    elif '小学' in f:
        g = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级']
    elif '高级中学' in f or '高中' in f:
        g = ['高一', '高二', '高三']
    elif '中学' in f or '初级' in f:
        g = ['初一', '初二', '初三']
    else:
        g = ['一年级', '三年级', '五年级', '初一', '初二', '高一']
    return {'issue': P.sub or r.choice(SCHOOL_ISS), 'money': r.choice([200, 300, 500, 800, 1200, 1500]), 'grade': r.choice(g),
            'fee': r.choice(['资料费', '补课费', '校服费', '午托费', '保险费', '空调费'])}


def b_school(P, c):
    r, a = c.r, P.a
    g = a['grade']
    det = {'乱收费': f'向学生收取{a["fee"]}{a["money"]}元，没有收据',
           '校车超载': '接送学生的校车严重超载，一辆面包车坐了十几个小孩',
           '入学难': f'孩子{g}入学被拒，说学位已满',
           '食堂卫生': r.choice(['食堂饭菜有异味，孩子吃了拉肚子', '食堂卫生很差，饭里有虫']),
           '老师体罚学生': f'{g}的老师体罚学生，孩子{r.choice(["手被打肿", "被罚站一整天", "不敢去上学"])}',
           '放学拥堵': '放学时门口堵得水泄不通，接送车辆乱停',
           '违规补课': '周末和假期组织学生有偿补课', '校园欺凌': f'孩子在学校被同学欺负，{r.choice(["被打伤", "被勒索零花钱"])}',
           '作业太多': f'{g}作业太多，孩子每天写到晚上十一点', '营养餐': '营养改善计划的餐食分量少、质量差'}[a['issue']]
    if c.op:
        opts = [f'{LE(c)}{det}', f'{c.I}的孩子在{LE(c)}读{g}，{det}', f'{LE(c)}存在{a["issue"]}问题：{det}']
    else:
        opts = [f'{LE(c)}{det}，家长们都很有意见', f'我小孩在{LE(c)}读{g}，{det}', f'{det}，{P.ent["shorts"][0] if P.ent else "学校"}']
    return r.choice(opts)


MED_ISS = ['服务态度差', '乱收费', '医疗纠纷', '挂号排队难', '医保不能报', '拒收病人']


def a_medical(P, r):
    return {'issue': P.sub or r.choice(MED_ISS), 'dept': r.choice(['急诊科', '儿科', '妇产科', '骨科', '住院部', '门诊', '药房', '收费处']),
            'money': r.choice([300, 800, 1500, 3000, 6000, 12000])}


def b_medical(P, c):
    r, a = c.r, P.a
    det = {'服务态度差': f'{a["dept"]}医护人员态度恶劣', '乱收费': f'住院期间被多收费用{a["money"]}元，清单对不上',
           '医疗纠纷': r.choice(['家属做完手术后出现并发症，医院推卸责任', '孩子被误诊，耽误了治疗']),
           '挂号排队难': f'{a["dept"]}挂号排队要几个小时', '医保不能报': '住院费用医保报不了，医院说系统问题',
           '拒收病人': '以没有床位为由拒收病人'}[a['issue']]
    if c.op:
        opts = [f'{c.I}在{LE(c)}就医，{det}', f'{LE(c)}{det}，{c.I}要求调查处理', f'{c.I}家人在{LE(c)}{a["dept"]}看病，{det}']
    else:
        opts = [f'投诉{LE(c)}，{det}', f'在{LE(c)}看病，{det}，太气人了', f'{LE(c)}{det}']
    return r.choice(opts)


def a_social(P, r):
    return {'issue': P.sub or r.choice(['单位不缴社保', '养老金未到账', '医保报销慢', '失业金申领', '社保转移', '灵活就业补贴']),
            'months': r.choice([3, 6, 8, 12, 18, 24])}


def b_social(P, c):
    r, a = c.r, P.a
    E = c.E
    det = {'单位不缴社保': f'{E or "公司"}{say_months(a["months"], r)}没有给员工缴纳社保，工资里却扣了',
           '养老金未到账': f'{c.I}的养老金已经{say_months(min(a["months"], 6), r)}没到账',
           '医保报销慢': '医保报销材料交上去几个月了还没报下来', '失业金申领': '失业保险金申请一直审核不通过',
           '社保转移': '社保从外省转回来一直办不好', '灵活就业补贴': '灵活就业社保补贴申请了一直没发'}[a['issue']]
    pre = f'{c.I}在{LE(c)}上班，' if E and a['issue'] == '单位不缴社保' and r.random() < 0.6 else (f'{c.L}' if c.L and r.random() < 0.4 else '')
    return pre + det + r.choice(['', '，多次咨询没有结果', '，社保局说要等', '，请帮忙查一下'])


def a_land(P, r):
    return {'issue': P.sub or r.choice(['宅基地纠纷', '责任田被占', '征地补偿未到位', '林地纠纷', '土地流转租金未付', '被强行推平']),
            'party': r.choice(['邻居', '同村村民', '邻村', '隔壁屯', '村里的' + r.choice(SURNAMES) + '某', '一家公司', '承包老板']),
            'mu': r.choice([0.5, 1, 1.5, 2, 3, 5, 8, 20]), 'proj': None}


def b_land(P, c):
    r, a = c.r, P.a
    mu = a['mu']
    mus = f'{mu:g}亩' if r.random() < 0.7 else ('一亩多' if 1 <= mu < 2 else f'{mu:g}亩左右')
    det = {'宅基地纠纷': f'与{a["party"]}存在宅基地纠纷，对方强行在{c.I}家地上建房',
           '责任田被占': f'{c.I}家{mus}责任田被{a["party"]}占用',
           '征地补偿未到位': f'{c.I}家{mus}土地被征收，{say_years(r.randint(1, 4), r)}补偿款还没到位',
           '林地纠纷': f'与{a["party"]}林地界线有争议，对方砍了{c.I}家的桉树',
           '土地流转租金未付': f'{c.I}家{mus}土地流转给{a["party"]}，租金拖欠{say_years(r.randint(1, 3), r)}',
           '被强行推平': f'{c.I}家的{mus}地被{a["party"]}用挖掘机强行推平'}[a['issue']]
    pl = c.L
    if c.op:
        if not pl or pl.startswith('其'):
            return r.choice([f'{det}，村委和镇政府调解未果', det])
        return r.choice([f'{c.I}是{pl}村民，{det}', f'{pl}{det}，村委和镇政府调解未果', f'{det}（{pl}）' if pl else det])
    if not pl or pl.startswith('我们') or pl.startswith('村里'):
        return r.choice([f'我是本村村民，{det}', f'{det}，找村委他们也不管', f'{det}'])
    return r.choice([f'我是{pl}村民，{det}', f'{det}，找村委他们也不管', f'{pl}{det}'])


def a_village(P, r):
    return {'issue': P.sub or r.choice(['村务财务不公开', '低保评定不公', '危房改造补助未发', '集体土地租金去向不明',
                                       '村干部优亲厚友', '产业补贴被冒领', '换届选举不公', '集体鱼塘承包']),
            'money': r.choice([5000, 12000, 30000, 80000, 200000])}


def b_village(P, c):
    r, a = c.r, P.a
    det = {'村务财务不公开': '村务财务一直不公开，村民不知道钱花在哪里',
           '低保评定不公': r.choice(['低保评定不公平，有车有房的都吃低保', '真正困难的户评不上低保']),
           '危房改造补助未发': '危房改造补助说好的一直没有发下来',
           '集体土地租金去向不明': f'村集体土地出租，每年租金约{say_money(a["money"], r)}，去向不明',
           '村干部优亲厚友': '村干部把项目和补助都给了亲戚', '产业补贴被冒领': '产业奖补资金被人冒领',
           '换届选举不公': '换届选举存在拉票贿选', '集体鱼塘承包': '集体鱼塘私下承包给了村干部亲戚'}[a['issue']]
    pl = c.L or ('其所在村' if c.op else '我们村')
    return r.choice([f'{pl}{det}', f'{de(pl)}村委{det}', f'反映{pl}{det}，希望上级部门调查'])


def a_traffic(P, r):
    return {'issue': P.sub or r.choice(['红绿灯时间太短', '路口无红绿灯', '泥头车超速', '无斑马线', '公交班次少', '路口视线被挡',
                                       '电动车逆行', '需设减速带'])}


def b_traffic(P, c):
    r, a = c.r, P.a
    det = {'红绿灯时间太短': '红绿灯时间太短，老人过马路过不完', '路口无红绿灯': '路口没有红绿灯，经常发生事故',
           '泥头车超速': '泥头车经常超速，撒泥还闯红灯', '无斑马线': '学校门口没有斑马线，学生过马路很危险',
           '公交班次少': '公交班次太少，要等一个多小时', '路口视线被挡': '路口的广告牌挡住视线，差点撞车',
           '电动车逆行': '电动车逆行严重，没人管', '需设减速带': '车速太快，需要设置减速带'}[a['issue']]
    pl = c.L
    if P.loc['kind'] == 'urban' and r.random() < 0.3:
        pl = (pl or P.loc['street']) + r.choice(['与', '和']) + r.choice(URBAN[P.loc['county']])[0] + '交叉口'
    return f'{pl}{det}' + r.choice(['', '，建议相关部门处理', '，存在安全隐患', '，请尽快解决'])


def a_fraud(P, r):
    return {'kind': P.sub or r.choice(['网络刷单', '投资理财', '保健品', '非法集资', '冒充客服', '招工骗局', '养老诈骗']),
            'amount': r.choice([3000, 8000, 20000, 50000, 120000, 300000])}


def b_fraud(P, c):
    r, a = c.r, P.a
    amt = say_money(a['amount'], r)
    det = {'网络刷单': f'被网上刷单骗了{amt}', '投资理财': f'在一个投资理财平台被骗{amt}，平台已经打不开',
           '保健品': f'家里老人在{c.L or "附近"}一个卖保健品的店被骗买了{amt}的产品',
           '非法集资': f'{LE(c) if c.E else c.L + "有人"}以高息为名集资，{c.I}投入{amt}收不回',
           '冒充客服': f'接到冒充快递客服的电话被骗{amt}', '招工骗局': f'{c.E or "一家中介"}收了{amt}介绍费不给安排工作',
           '养老诈骗': f'老人被以"养老项目"为名骗走{amt}'}[a['kind']]
    return det + r.choice(['，已报警', '，希望公安追回', '，报案后没有进展', '', '，请问怎么办'])


CONS_ISS = ['预付卡跑路', '拒不退款', '质量问题', '虚假宣传', '强制消费', '不履行合同']


def a_consumer(P, r):
    return {'issue': P.sub or r.choice(CONS_ISS), 'money': r.choice([299, 888, 1980, 2680, 3600, 5800, 12800, 26000]),
            'people': r.choice([1, 1, 1, 30, 80, 200])}


def b_consumer(P, c):
    r, a = c.r, P.a
    m = say_money(a['money'], r)
    det = {'预付卡跑路': f'{c.I}在{LE(c)}办了{m}的卡，现在店关门老板跑路了' + (f'，有{say_count(a["people"], r)}多人受害' if a['people'] > 1 else ''),
           '拒不退款': f'{c.I}在{LE(c)}交了{m}，现在要求退款，商家一直拖着不退',
           '质量问题': f'在{LE(c)}买的东西{m}，用了没多久就坏了，商家不给换',
           '虚假宣传': f'{LE(c)}虚假宣传，说好的服务都没有兑现，花了{m}',
           '强制消费': f'{LE(c)}强制消费，不买就不让走', '不履行合同': f'与{LE(c)}签了合同，交了{m}定金，对方不履行'}[a['issue']]
    return det + r.choice(['', '，要求退款', '，要求商家赔偿', '，希望市场监管部门处理'])


def a_irrigation(P, r):
    return {'what': r.choice(['水渠', '灌溉渠', '山塘', '水陂', '排洪沟', '抽水站']), 'issue': P.sub or r.choice(['堵塞', '崩塌', '干涸无水', '年久失修', '被填'])}


def b_irrigation(P, c):
    r, a = c.r, P.a
    det = {'堵塞': '堵塞了，田里放不了水', '崩塌': '崩了一段，水都漏光了', '干涸无水': '没有水，几十亩田插不了秧',
           '年久失修': '年久失修，漏水严重', '被填': '被人填了建房，下雨就水浸'}[a['issue']]
    return f'{de(c.L)}{a["what"]}{det}' + r.choice(['', '，影响春耕', '，请水利部门修一下', '，村民自己修不了'])


def a_telecom(P, r):
    return {'op': r.choice(['移动', '电信', '联通']), 'issue': r.choice(['信号差', '宽带经常断网', '宽带拆机难', '乱扣费'])}


def b_telecom(P, c):
    a = P.a
    return f'{c.L}{a["op"]}' + {'信号差': '手机信号很差，打电话都听不清', '宽带经常断网': '宽带经常断网，报修了几次没修好',
                                '宽带拆机难': '宽带要拆机一直办不了', '乱扣费': '乱扣话费，开通了没用过的业务'}[a['issue']]


def a_flood(P, r):
    return {'depth': r.choice(['半米', '一米多', '到膝盖', '到小腿']), 'spot': r.choice(['路口', '小区门口', '地下车库', '低洼路段', '隧道'])}


def b_flood(P, c):
    r, a = c.r, P.a
    return r.choice([f'{de(c.L)}{a["spot"]}一下大雨就水浸，积水{a["depth"]}深', f'{c.L}{a["spot"]}内涝严重，每次下雨都淹',
                     f'{c.L}排水不畅，雨后积水{a["depth"]}，车都开不过'])


# matter key -> (weight, loc kinds {kind: w}, entity maker or None, attrs fn, body fn, demands op, demands me)
DEM_GEN_OP = ['请相关部门核实处理', '要求相关部门尽快处理', '希望相关部门介入处理', '请有关部门调查处理并回复', '要求尽快解决']
DEM_GEN_ME = ['希望有关部门尽快处理', '请政府管一管', '麻烦领导重视一下', '希望尽快解决', '请相关部门处理']
MATTERS = {
    'wage': (9, {'rural': 3, 'urban': 4, 'townctr': 3}, 'wage_ent', a_wage, b_wage, DEM_WAGE_OP, DEM_WAGE_ME),
    'cert': (4, {'urban': 8, 'townctr': 2}, 'estate', a_cert, b_cert, DEM_CERT_OP, DEM_CERT_ME),
    'handover': (2, {'urban': 8, 'townctr': 2}, 'estate', a_handover, b_handover,
                 ['督促开发商尽快交房', '协调解决逾期交房问题'], ['希望尽快交房', '希望政府督促开发商']),
    'quality': (2, {'urban': 8, 'townctr': 2}, 'estate', a_quality, b_quality, ['督促开发商维修', '核查房屋质量问题'], ['希望开发商尽快来修']),
    'property': (4, {'urban': 9, 'townctr': 1}, 'estate', a_property, b_property, ['督促物业整改', '规范物业服务'], ['希望管管这个物业']),
    'noise_shop': (8, {'urban': 7, 'townctr': 3}, 'noise_shop', a_noise_shop, b_noise_shop, ['处理噪音扰民问题', '责令商家整改'],
                   ['还我们一个安静的晚上', '希望管一下噪音']),
    'noise_site': (3, {'urban': 8, 'townctr': 2}, 'project', a_noise_site, b_noise_site, ['查处夜间施工扰民行为'], ['晚上不要施工']),
    'livestock': (5, {'rural': 1}, 'farm', a_livestock, b_livestock, ['查处养殖污染', '责令养殖场整改或关停'], ['把养猪场搬走', '希望环保部门来查']),
    'industry': (5, {'rural': 6, 'townctr': 2, 'urban': 1}, 'factory', a_industry, b_industry, ['查处企业污染问题', '责令停产整改'],
                 ['希望环保局来查一查', '关停这个厂']),
    'fumes': (3, {'urban': 8, 'townctr': 2}, 'food_shop', a_fumes, b_fumes, ['督促安装油烟净化设施'], ['希望处理油烟问题']),
    'sewage': (4, {'urban': 5, 'townctr': 3, 'rural': 2}, None, a_sewage, b_sewage, ['尽快疏通维修'], ['快点来修']),
    'garbage': (4, {'urban': 3, 'townctr': 3, 'rural': 4}, None, a_garbage, b_garbage, ['安排清运垃圾'], ['快点把垃圾拉走']),
    'water': (5, {'urban': 5, 'townctr': 2, 'rural': 3}, None, a_water, b_water, ['尽快恢复供水', '解决用水问题'], ['尽快来水', '解决吃水问题']),
    'power': (4, {'urban': 3, 'townctr': 2, 'rural': 5}, None, a_power, b_power, ['尽快处理供电问题'], ['尽快来电', '解决用电问题']),
    'road': (6, {'urban': 3, 'townctr': 2, 'rural': 6}, None, a_road, b_road, ['维修道路', '尽快修复路面'], ['尽快把路修好']),
    'light': (3, {'urban': 6, 'townctr': 2, 'rural': 2}, None, a_light, b_light, ['维修路灯'], ['修一下路灯']),
    'illegal_build': (4, {'urban': 4, 'townctr': 2, 'rural': 4}, None, a_illegal, b_illegal, ['查处违法建设'], ['拆除违建']),
    'parking': (3, {'urban': 7, 'townctr': 3}, None, a_parking, b_parking, ['加强管理', '整治乱停乱放'], ['管一管']),
    'dogs': (2, {'urban': 5, 'townctr': 2, 'rural': 3}, None, a_dogs, b_dogs, ['处理流浪犬'], ['抓一下流浪狗']),
    'food': (3, {'urban': 6, 'townctr': 4}, 'food_shop', a_food, b_food, ['查处商家', '维护消费者权益'], ['要求赔偿', '查一下这家店']),
    'school': (4, {'urban': 5, 'townctr': 3, 'rural': 2}, 'school', a_school, b_school, ['教育部门调查处理'], ['教育局管一管']),
    'medical': (2, {'urban': 7, 'townctr': 2, 'rural': 1}, 'hospital', a_medical, b_medical, ['卫健部门调查处理'], ['给个说法']),
    'social': (3, {'urban': 6, 'townctr': 2, 'rural': 2}, 'company_opt', a_social, b_social, ['协助办理', '督促单位依法缴纳社保'], ['帮忙处理一下']),
    'land': (4, {'rural': 1}, None, a_land, b_land, ['协调解决土地纠纷', '落实补偿款'], ['主持公道', '帮我们解决']),
    'village': (3, {'rural': 1}, None, a_village, b_village, ['调查核实', '督促村务公开'], ['上级部门来查一查']),
    'traffic': (3, {'urban': 7, 'townctr': 2, 'rural': 1}, None, a_traffic, b_traffic, ['完善交通设施', '加强交通管理'], ['处理一下']),
    'fraud': (2, {'urban': 6, 'townctr': 2, 'rural': 2}, None, a_fraud, b_fraud, ['追回损失'], ['帮忙追回被骗的钱']),
    'consumer': (4, {'urban': 8, 'townctr': 2}, 'cons_shop', a_consumer, b_consumer, ['维护消费者权益'], ['帮我们退钱']),
    'irrigation': (2, {'rural': 1}, None, a_irrigation, b_irrigation, ['修复水利设施'], ['帮忙修一下']),
    'telecom': (1, {'rural': 6, 'townctr': 2, 'urban': 2}, None, a_telecom, b_telecom, ['改善通信服务'], ['解决信号问题']),
    'flood': (1, {'urban': 8, 'townctr': 2}, None, a_flood, b_flood, ['解决内涝问题'], ['解决水浸问题']),
}
# sub-issues that make two problems at the same place different problems
SUBS = {'quality': QUALITY_ISSUES, 'property': PROP_ISSUES, 'school': SCHOOL_ISS, 'medical': MED_ISS,
        'water': ['停水', '水压低', '水质浑浊', '未通自来水', '水费异常', '管道爆裂'],
        'power': ['频繁停电', '电压低', '电线杆倾斜', '变压器噪音', '电线老化', '长时间停电'],
        'road': ROAD_ISS, 'sewage': ['下水道堵塞', '污水外溢', '化粪池满溢', '雨污管道破损', '井盖缺失', '排水沟臭'],
        'land': ['宅基地纠纷', '责任田被占', '征地补偿未到位', '林地纠纷', '土地流转租金未付', '被强行推平'],
        'village': ['村务财务不公开', '低保评定不公', '危房改造补助未发', '集体土地租金去向不明', '村干部优亲厚友',
                    '产业补贴被冒领', '换届选举不公', '集体鱼塘承包'],
        'traffic': ['红绿灯时间太短', '路口无红绿灯', '泥头车超速', '无斑马线', '公交班次少', '路口视线被挡', '电动车逆行', '需设减速带'],
        'consumer': CONS_ISS, 'food': ['过期', '变质', '吃出异物', '吃后腹泻', '无证经营', '卫生差'],
        'social': ['单位不缴社保', '养老金未到账', '医保报销慢', '失业金申领', '社保转移', '灵活就业补贴'],
        'parking': ['乱停车堵路', '占道经营', '大货车停在路边', '电动车乱停', '摆摊占用人行道', '僵尸车'],
        'illegal_build': ['加建楼层', '搭建铁皮棚', '占用公共绿地', '占用村道建房', '在河边建房', '占用消防通道', '楼顶违建', '占用耕地建房'],
        'dogs': ['流浪狗多', '狗咬人', '大型犬不拴绳', '养狗扰民'],
        'fraud': ['网络刷单', '投资理财', '保健品', '非法集资', '冒充客服', '招工骗局', '养老诈骗'],
        'irrigation': ['堵塞', '崩塌', '干涸无水', '年久失修', '被填']}
ENTITY_MATTERS = {'estate': ['cert', 'handover', 'quality', 'property'],
                  'shop': ['noise_shop', 'fumes', 'food', 'consumer'],
                  'factory': ['industry', 'wage', 'social'], 'project': ['wage', 'noise_site'],
                  'school': ['school'], 'hospital': ['medical'], 'farm': ['livestock', 'wage'],
                  'company': ['wage', 'social']}


# ---------------------------------------------------------------------------
# Problems, callers, timeline
# ---------------------------------------------------------------------------
T0 = _dt.datetime(2024, 8, 1, 0, 0, 0)
T1 = _dt.datetime(2025, 9, 30, 23, 59, 59)
SPAN = (T1 - T0).total_seconds() / 86400.0

SHOP_MATTER_OK = {
    'noise_shop': {k for k, _ in SHOP_KINDS_NOISE} | {'快餐店', '小吃店', '牛巴粉店', '烧烤', '健身房', '游泳馆', '酒店', '便利店'},
    'fumes': {'烧烤', '大排档', '夜宵店', '饭店', '烤鱼店', '酒楼', '快餐店', '牛巴粉店', '生料粉店', '猪脚粉店', '小吃店'},
    'food': {k for k, _ in SHOP_KINDS_FOOD} | {'烧烤', '大排档', '夜宵店', '饭店', '烤鱼店', '酒楼', '快餐店', '熟食店', '便利店'},
    'consumer': {k for k, _ in SHOP_KINDS_CONS} | {'健身房', 'KTV', '网吧', '酒店'},
}
RURAL_MATTERS = [m for m, v in MATTERS.items() if 'rural' in v[1]]


class Problem:
    def __init__(self, pid, n):
        self.id = pid
        self.n = n
        self.matter = None
        self.loc = None
        self.ent = None
        self.sub = None
        self.a = {}
        self.callers = []
        self.times = []
        self.burst = []
        self.push = False
        self.hard = False
        self.primary = None
        self.anchor = None


def sample_size(r):
    u = r.random()
    if u < 0.565:
        return 1
    if u < 0.925:
        return wpick(r, [(2, 42), (3, 27), (4, 18), (5, 13)])
    return wpick(r, [(k, 1.0 / (k - 4) ** 1.15) for k in range(6, 31)])


def copy_loc(loc):
    d = dict(loc)
    return d


def make_loc(r, kind, county=None):
    if kind == 'rural':
        return rural_loc(r, county)
    if kind == 'urban':
        return urban_loc(r, county)
    return townctr_loc(r, county)


def make_entity(P, r, nm, kind_hint=None, core=None):
    how = MATTERS[P.matter][2]
    loc = P.loc
    if how is None:
        return None
    if how == 'estate':
        return make_estate(nm, loc)
    if how == 'wage_ent':
        u = r.random()
        if loc['kind'] == 'urban':
            if u < 0.55:
                return make_project(nm, loc)
            if u < 0.85:
                return make_company(nm, loc)
            return make_shop(nm, r.choice(['饭店', '酒楼', '超市', 'KTV', '汽修厂']))
        if u < 0.6:
            return make_project(nm, loc)
        if u < 0.85:
            return make_factory(nm, loc)
        if u < 0.92 and loc['kind'] == 'rural':
            return make_farm(nm, loc)
        return make_company(nm, loc)
    if how == 'noise_shop':
        if r.random() < 0.07:
            return make_shop(nm, None, chain=True, chain_kinds={'KTV', '网吧', '烧烤', '奶茶店', '小吃店'})
        return make_shop(nm, kind_hint or wpick(r, SHOP_KINDS_NOISE), core=core)
    if how == 'food_shop':
        if r.random() < 0.12:
            return make_shop(nm, None, chain=True, chain_kinds=({'便利店', '超市', '小吃店', '奶茶店', '快餐店', '熟食店', '烧烤'}
                                                              if P.matter == 'food' else {'烧烤', '小吃店', '快餐店'}))
        kinds = SHOP_KINDS_FOOD if P.matter == 'food' else [(k, w) for k, w in SHOP_KINDS_NOISE if k in SHOP_MATTER_OK['fumes']] + [('快餐店', 3), ('牛巴粉店', 2)]
        return make_shop(nm, kind_hint or wpick(r, kinds), core=core)
    if how == 'cons_shop':
        return make_shop(nm, kind_hint or wpick(r, SHOP_KINDS_CONS), core=core)
    if how == 'project':
        return make_project(nm, loc, estate=loc.get('estate') if r.random() < 0.3 else None)
    if how == 'farm':
        return make_farm(nm, loc, kind_hint)
    if how == 'factory':
        return make_factory(nm, loc, kind_hint, core=core)
    if how == 'school':
        return make_school(nm, loc)
    if how == 'hospital':
        return make_hospital(nm, loc)
    if how == 'company_opt':
        return make_company(nm, loc) if r.random() < 0.5 else None
    return None


def schedule(P, r):
    n = P.n
    if n == 1:
        offs, bursts = [0.0], [0]
    else:
        if n <= 5:
            pat = wpick(r, [('burst', 45), ('spread', 35), ('recur', 20)])
        else:
            pat = wpick(r, [('spread', 30), ('stubborn', 40), ('recur', 30)])
        if (P.sub in ('停水', '管道爆裂', '长时间停电', '频繁停电') or P.matter == 'flood') and r.random() < 0.6:
            pat = 'burst'
        if pat == 'burst':
            w = r.choice([1, 2, 3, 5, 10, 20])
            offs = [0.0] + [r.random() ** 2 * w for _ in range(n - 1)]
            bursts = [0] * n
        elif pat == 'spread':
            w = r.uniform(20, 200 if n > 5 else 120)
            offs = [0.0] + [r.random() * w for _ in range(n - 1)]
            bursts = [0] * n
        elif pat == 'stubborn':
            w = r.uniform(180, 400)
            offs = [0.0] + [r.random() * w for _ in range(n - 1)]
            bursts = [0] * n
        else:
            k = 2 if n < 8 or r.random() < 0.6 else 3
            starts = [0.0]
            for _ in range(k - 1):
                starts.append(starts[-1] + r.uniform(90, 270))
            cut = sorted(r.sample(range(1, n), k - 1))
            offs, bursts = [], []
            b = 0
            for i in range(n):
                while b < k - 1 and i >= cut[b]:
                    b += 1
                base = starts[b]
                offs.append(base if i == (cut[b - 1] if b else 0) else base + r.random() ** 1.5 * r.choice([3, 10, 30]))
                bursts.append(b)
        order = sorted(range(n), key=lambda i: offs[i])
        offs = [offs[i] for i in order]
        bursts = [bursts[i] for i in order]
    span = offs[-1]
    if span > SPAN - 1:
        f = (SPAN - 1) / span
        offs = [o * f for o in offs]
        span = offs[-1]
    start = r.uniform(0, SPAN - span)
    if P.matter == 'wage' and r.random() < 0.4 and span < 60:
        # 年关欠薪: push towards Nov-Feb
        for _ in range(10):
            cand = r.uniform(0, SPAN - span)
            d = T0 + _dt.timedelta(days=cand)
            if d.month in (11, 12, 1, 2):
                start = cand
                break
    if P.matter == 'flood' and span < 30:
        for _ in range(10):
            cand = r.uniform(0, SPAN - span)
            if (T0 + _dt.timedelta(days=cand)).month in (5, 6, 7, 8):
                start = cand
                break
    P.start = T0 + _dt.timedelta(days=start)
    P.offs = offs
    P.burst = bursts


CH_W = [('电话', 60), ('微信', 17), ('网站', 11), ('APP', 9), ('其他', 3)]
HOUR_PHONE = [1, .5, .3, .2, .2, .3, .8, 2, 5, 8, 8, 7, 5, 6, 7, 7, 6, 5, 4, 4, 4, 3, 2, 1.5]
HOUR_WEB = [2, 1.5, 1, .5, .3, .3, .6, 1.5, 3, 4, 4, 4, 3.5, 3.5, 4, 4, 4, 3.5, 3.5, 4, 4.5, 4.5, 4, 3]
HOUR_NIGHT = [6, 5, 3, 1, .3, .2, .3, .5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.5, 2, 3, 5, 7, 8]

MOBILE_PRE = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157',
              '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187',
              '188', '189', '191', '193', '195', '198', '199']


def make_phone(r):
    u = r.random()
    if u < 0.05:
        return ''
    if u < 0.13:
        return f'0775-{r.randint(2, 8)}{r.randint(0, 999999):06d}'
    return r.choice(MOBILE_PRE) + f'{r.randint(0, 99999999):08d}'


def home_near(r, loc, nm):
    k = loc['kind']
    if k == 'rural':
        u = r.random()
        if u < 0.55:
            h = copy_loc(loc)
            if u >= 0.2:
                h['sub'] = r.choice(village_subs(loc['county'], loc['town'], loc['village']))
            return h
        if u < 0.7:
            return rural_loc(r, loc['county'], loc['town'])
        if u < 0.9:
            return home_urban(r, nm, r.choice([loc['county'], loc['county'], '玉州区']) if loc['county'] in URBAN else '玉州区')
        return rural_loc(r)
    if k == 'urban':
        u = r.random()
        if u < 0.45 and loc.get('estate'):
            h = copy_loc(loc)
            h['bld'] = make_bld(r)
            return h
        if u < 0.7:
            h = copy_loc(loc)
            h['estate'] = make_estate(nm, loc) if r.random() < 0.5 else None
            h['num'] = max(1, loc['num'] + r.randint(-30, 30))
            h['bld'] = make_bld(r) if h['estate'] else None
            return h
        if u < 0.9:
            return home_urban(r, nm, loc['county'])
        return rural_loc(r, loc['county'])
    u = r.random()
    if u < 0.4:
        h = copy_loc(loc)
        h['num'] = r.randint(1, 200)
        return h
    if u < 0.75:
        return rural_loc(r, loc['county'], loc['town'])
    return home_urban(r, nm, loc['county'])


def home_urban(r, nm, county):
    h = urban_loc(r, county)
    if r.random() < 0.6:
        h['estate'] = make_estate(nm, h)
        h['bld'] = make_bld(r)
    return h


def new_caller(r, nm, loc, near=True):
    female = r.random() < 0.45
    name = person_name(r, female)
    home = home_near(r, loc, nm) if near else (rural_loc(r) if r.random() < 0.5 else home_urban(r, nm, pick_county(r, True)))
    return {'name': name, 'female': female, 'phone': make_phone(r),
            'phone2': make_phone(r) if r.random() < 0.1 else None,
            'home': home, 'ch': wpick(r, CH_W), 'style': wpick(r, [('full', 55), ('title', 32), ('anon', 8), ('none', 5)])}


def caller_name(cl, r):
    st = cl['style'] if r.random() < 0.85 else wpick(r, [('full', 5), ('title', 4), ('anon', 1)])
    if st == 'full':
        return cl['name']
    if st == 'title':
        return cl['name'][0] + ('女士' if cl['female'] else '先生')
    if st == 'anon':
        return r.choice(['匿名', '市民', '匿名用户', '群众'])
    return ''


CLUSTER = {}
CAPS = {'v': 9, 'tm': 12, 'sm': 8}


def cluster_keys(P):
    L = P.loc
    ks = [('tm', L['county'], L['town'], P.matter)]
    if L['kind'] == 'rural':
        ks.append(('v', L['county'], L['town'], L['village']))
    else:
        ks.append(('sm', L['county'], L['town'], L.get('street'), P.matter))
    return ks


def crowded(A):
    return any(CLUSTER.get(k, 0) >= CAPS[k[0]] for k in cluster_keys(A))


def pick_anchor(r, problems, test, tries=25):
    if not problems:
        return None
    for _ in range(tries):
        if r.random() < 0.7:
            A = problems[r.randint(max(0, len(problems) - 600), len(problems) - 1)]
        else:
            A = r.choice(problems)
        if test(A) and not crowded(A):
            return A
    return None


def finish_problem(P, r, nm, ent='new', callers=None, sub=None):
    if ent == 'new':
        P.ent = make_entity(P, r, nm)
    else:
        P.ent = ent
    if MATTERS[P.matter][2] == 'estate':
        if P.loc.get('estate') is None or ent == 'new':
            P.loc['estate'] = P.ent
        if P.loc.get('bld') is None:
            P.loc['bld'] = make_bld(r)
    elif P.loc['kind'] == 'urban' and 'estate' not in P.loc and P.matter in ('water', 'power', 'sewage', 'parking', 'dogs', 'flood', 'illegal_build') and r.random() < 0.35:
        P.loc['estate'] = make_estate(nm, P.loc)
        P.loc['bld'] = make_bld(r)
    if P.matter in SUBS:
        P.sub = sub or r.choice(SUBS[P.matter])
    schedule(P, r)
    P.a = MATTERS[P.matter][3](P, r)
    # callers
    n = P.n
    k = 1 if n == 1 else min(n, 1 + sum(1 for _ in range(n - 1) if r.random() < 0.42))
    cl = list(callers or [])
    while len(cl) < k:
        cl.append(new_caller(r, nm, P.loc, near=r.random() < 0.9))
    P.callers = cl
    seq = list(range(len(cl)))
    while len(seq) < n:
        seq.append(0 if r.random() < 0.35 else r.randrange(len(cl)))
    head, rest = seq[0], seq[1:]
    r.shuffle(rest)
    P.seq = [head] + rest
    P.push = n > 1 and r.random() < (0.35 if n >= 6 else 0.18)
    P.hard = n >= 6 or P.push
    units = units_for(P)
    P.units = units
    P.primary = wpick(r, units)
    return P


def new_problem(pid, n, r, nm, problems, frequent):
    P = Problem(pid, n)
    strat = wpick(r, [('fresh', 50), ('town_matter', 10), ('street_matter', 7), ('village_other_matter', 6),
                      ('village_other_sub', 5), ('same_name_village', 3), ('entity_other_matter', 7),
                      ('same_name_entity', 4), ('caller', 8)])
    P.strategy = strat
    A = None
    if strat == 'town_matter':
        A = pick_anchor(r, problems, lambda A: True)
        if A:
            P.anchor = A.id
            P.matter = A.matter
            loc = A.loc
            if loc['kind'] == 'rural':
                P.loc = rural_loc(r, loc['county'], loc['town'])
                if MATTERS[A.matter][2] and r.random() < 0.3:
                    P.loc = rural_loc(r, loc['county'], loc['town'], loc['village'])
            elif loc['kind'] == 'townctr':
                P.loc = townctr_loc(r, loc['county'], loc['town'])
            else:
                P.loc = urban_loc(r, loc['county'])
            kh = A.ent['kind'] if A.ent else None
            finish_problem(P, r, nm, sub=A.sub)
            if A.ent and P.ent and MATTERS[P.matter][2] in ('factory', 'farm', 'noise_shop', 'cons_shop') and P.ent['kind'] != kh:
                P.ent = make_entity(P, r, nm, kind_hint=kh)
                P.a = MATTERS[P.matter][3](P, r)
            return P
    if strat == 'street_matter':
        A = pick_anchor(r, problems, lambda A: A.loc['kind'] in ('urban', 'townctr') and MATTERS[A.matter][2] is not None)
        if A:
            P.anchor = A.id
            P.matter = A.matter
            P.loc = copy_loc(A.loc)
            P.loc['num'] = max(1, A.loc['num'] + r.choice([-1, 1]) * r.randint(2, 80))
            P.loc['estate'] = None
            P.loc['bld'] = None
            kh = A.ent['kind'] if A.ent else None
            finish_problem(P, r, nm, sub=A.sub)
            if A.ent and MATTERS[P.matter][2] in ('noise_shop', 'cons_shop', 'food_shop') and P.ent and P.ent['kind'] != kh and r.random() < 0.6:
                P.ent = make_entity(P, r, nm, kind_hint=kh)
                P.a = MATTERS[P.matter][3](P, r)
            return P
    if strat == 'village_other_matter':
        A = pick_anchor(r, problems, lambda A: A.loc['kind'] == 'rural')
        if A:
            P.anchor = A.id
            P.matter = r.choice([m for m in RURAL_MATTERS if m != A.matter])
            P.loc = copy_loc(A.loc)
            if r.random() < 0.5:
                P.loc['sub'] = r.choice(village_subs(P.loc['county'], P.loc['town'], P.loc['village']))
            cl = [A.callers[0]] if r.random() < 0.25 else None
            return finish_problem(P, r, nm, callers=cl)
    if strat == 'village_other_sub':
        A = pick_anchor(r, problems, lambda A: A.loc['kind'] == 'rural' and A.loc['sub'] is not None)
        if A:
            P.anchor = A.id
            subs = [s for s in village_subs(A.loc['county'], A.loc['town'], A.loc['village']) if s != A.loc['sub']]
            if subs:
                P.matter = A.matter
                P.loc = copy_loc(A.loc)
                P.loc['sub'] = r.choice(subs)
                kh = A.ent['kind'] if A.ent else None
                finish_problem(P, r, nm, sub=A.sub)
                if kh and P.ent and P.ent['kind'] != kh and MATTERS[P.matter][2] in ('farm', 'factory'):
                    P.ent = make_entity(P, r, nm, kind_hint=kh)
                    P.a = MATTERS[P.matter][3](P, r)
                return P
    if strat == 'same_name_village':
        A = pick_anchor(r, problems, lambda A: A.loc['kind'] == 'rural' and len(_VNAME.get(A.loc['village'], [])) > 1)
        if A:
            P.anchor = A.id
            others = [x for x in _VNAME[A.loc['village']] if x[1] != A.loc['town'] or x[0] != A.loc['county']]
            c, t, v = r.choice(others)
            P.matter = A.matter
            P.loc = rural_loc(r, c, t, v)
            return finish_problem(P, r, nm, sub=A.sub)
    if strat == 'entity_other_matter':
        A = pick_anchor(r, problems, lambda A: A.ent is not None and A.ent['type'] in ENTITY_MATTERS)
        if A:
            P.anchor = A.id
            t = A.ent['type']
            cands = []
            for m in ENTITY_MATTERS[t]:
                if m == A.matter and (m not in SUBS or m in ('consumer', 'food', 'social', 'land', 'fraud')):
                    continue
                if t == 'shop':
                    ok = SHOP_MATTER_OK.get(m)
                    if ok is not None and A.ent['kind'] not in ok:
                        continue
                if m not in MATTERS:
                    continue
                cands.append(m)
            if cands:
                P.matter = r.choice(cands)
                P.loc = copy_loc(A.loc)
                sub = None
                if P.matter == A.matter and P.matter in SUBS:
                    sub = r.choice([s for s in SUBS[P.matter] if s != A.sub])
                if P.matter == 'wage':
                    pass
                return finish_problem(P, r, nm, ent=A.ent, sub=sub)
    if strat == 'same_name_entity':
        A = pick_anchor(r, problems, lambda A: A.ent is not None and A.ent['type'] in ('shop', 'factory', 'estate'))
        if A:
            P.anchor = A.id
            e = A.ent
            P.matter = A.matter if r.random() < 0.7 else r.choice([m for m in ENTITY_MATTERS[e['type']] if m in MATTERS])
            if e['type'] == 'factory' and P.matter not in ('industry', 'wage', 'social'):
                P.matter = 'industry'
            kind = A.loc['kind'] if A.loc['kind'] != 'rural' or P.matter in RURAL_MATTERS else 'urban'
            county = A.loc['county'] if r.random() < 0.4 else None
            if e['type'] == 'estate':
                county = r.choice([x for x in URBAN if x != A.loc['county']])
                kind = 'urban'
            P.loc = make_loc(r, kind, county)
            if e['type'] == 'shop':
                ne = dict(e)
                if r.random() < 0.5 and e['full'] not in [x for x, _ in CHAINS]:
                    ne = make_shop(nm, e['kind'], core=e['core'])
                    nm.used.discard(ne['full'])
            elif e['type'] == 'factory':
                ne = make_factory(nm, P.loc, r.choice([e['kind'], wpick(r, FAC_KINDS)]), core=e['core'])
            else:
                ne = dict(e)
                ne['dev'] = e['dev']
                ne['pm'] = r.choice(FAC_HEAD) + '物业服务有限公司'
                if P.matter not in ENTITY_MATTERS['estate']:
                    P.matter = 'property'
            return finish_problem(P, r, nm, ent=ne)
    if strat == 'caller':
        if frequent and r.random() < 0.55:
            cl = r.choice(frequent)
        else:
            A = pick_anchor(r, problems, lambda A: True)
            cl = A.callers[0] if A else None
        if cl:
            if cl not in frequent:
                frequent.append(cl)
            P.matter = wpick(r, [(m, v[0]) for m, v in MATTERS.items()])
            kinds = MATTERS[P.matter][1]
            hk = cl['home']['kind']
            if hk in kinds and r.random() < 0.6:
                if hk == 'rural':
                    P.loc = rural_loc(r, cl['home']['county'], cl['home']['town'],
                                      cl['home']['village'] if r.random() < 0.6 else None)
                elif hk == 'urban':
                    P.loc = copy_loc(cl['home'])
                    if MATTERS[P.matter][2] == 'estate' and r.random() < 0.5:
                        pass
                    elif MATTERS[P.matter][2] is not None:
                        P.loc['estate'] = cl['home'].get('estate') if MATTERS[P.matter][2] == 'estate' else None
                        P.loc['num'] = max(1, P.loc['num'] + r.randint(-40, 40))
                else:
                    P.loc = townctr_loc(r, cl['home']['county'], cl['home']['town'])
                ent = 'new'
                if MATTERS[P.matter][2] == 'estate' and P.loc.get('estate'):
                    ent = P.loc['estate']
                P.strategy = 'caller'
                return finish_problem(P, r, nm, ent=ent, callers=[cl])
            P.loc = make_loc(r, wpick(r, list(kinds.items())))
            return finish_problem(P, r, nm, callers=[cl])
    # fresh
    P.strategy = 'fresh'
    P.matter = wpick(r, [(m, v[0]) for m, v in MATTERS.items()])
    P.loc = make_loc(r, wpick(r, list(MATTERS[P.matter][1].items())))
    return finish_problem(P, r, nm)


# ---------------------------------------------------------------------------
# Rendering one contact
# ---------------------------------------------------------------------------
def content_place(P, c, near):
    r = c.r
    L = P.loc
    k = L['kind']
    est_matter = MATTERS[P.matter][2] == 'estate'
    if P.matter in ('wage', 'consumer', 'food', 'social', 'fraud', 'medical'):
        near = False
    mode = wpick(r, [('full', 28), ('partial', 32), ('deictic', 16 if near else (2 if P.matter not in ('wage', 'consumer', 'food', 'social', 'fraud', 'medical') else 0)), ('none', 24)])
    if mode == 'none':
        return ''
    if mode == 'deictic':
        if k == 'rural':
            return r.choice(['其所在村', '其村', '其村里', '其所在屯'] if c.op else
                            ['我们村', '我们屯', '村里', '我们这里', '我们' + sub_form(L['sub'], r) if L['sub'] else '我们村'])
        if k == 'urban':
            if est_matter:
                return ''
            if P.matter in ('industry', 'noise_site', 'livestock'):
                return r.choice(['其住处附近', '其家附近'] if c.op else ['我家附近', '我们这边', '我住的地方附近'])
            if P.matter in ('noise_shop', 'fumes', 'parking', 'dogs', 'sewage', 'garbage', 'illegal_build'):
                return r.choice(['其家楼下', '其所住小区', '其住处附近'] if c.op else ['我家楼下', '我们小区', '我家附近', '小区门口', '我住的楼下'])
            return r.choice(['其所住小区', '其住处', '其家'] if c.op else ['我们小区', '我家', '我们这栋楼', '我住的小区'])
        return r.choice(['其所在镇', '镇上'] if c.op else ['镇上', '我们镇上', '圩上'])
    C = (county_form(L['county'], r), L['county'])
    T = (town_form(L['town'], r), L['town'])
    if k == 'rural':
        v = L['village']
        V = (village_form(v, r), v)
        S = (sub_form(L['sub'], r), '') if L['sub'] and r.random() < 0.55 else ('', '')
        if S[0]:
            S = (S[0], S[0])
        if mode == 'full':
            pre = [(x, x) for x in [r.choice(['玉林市', '广西玉林', '玉林'])] if r.random() < 0.25]
            s = jn(pre + ([C] if r.random() < 0.8 else []) + [T, V, S])
        else:
            s = r.choice([jn([T, (v, v), S]), jn([(v, v), S]), v, jn([T, (v, v)]),
                          jn([(strip_village(v), v), S]) if S[0] else v,
                          jn([(COUNTY_ABBR[L['county']], L['county']), (strip_town(L['town']), L['town']), (v, v)])])
    elif k == 'urban':
        st = L['street']
        est = L.get('estate') if not est_matter else None
        num = f'{L["num"]}号' if r.random() < 0.5 else ''
        if mode == 'full':
            s = jn(([C] if r.random() < 0.6 else []) + [(st + num, st + num)])
            if est and r.random() < 0.6:
                s += r.choice(est['shorts'])
        else:
            opts = [st, st + num]
            if est:
                opts += [r.choice(est['shorts']), st + r.choice(est['shorts'])]
            if r.random() < 0.15:
                opts.append(st + r.choice(LANDMARKS[L['county']]) + r.choice(['附近', '旁边', '对面']))
            s = r.choice(opts)
    else:
        ST = (L['street'], L['street'])
        s = r.choice([jn(([C] if mode == 'full' else []) + [T, ST]),
                      jn([(strip_town(L['town']), L['town']), ST]), T[0] + r.choice(['圩上', '镇上', '街上', '']),
                      L['street']])
    if r.random() < 0.03:
        s = typo(s, r)
    return s


def self_intro(c, home, r):
    k = home['kind']
    if k == 'rural':
        tv = home['town'] + home['village'] if home['village'].startswith(strip_town(home['town'])) else strip_town(home['town']) + home['village']
        p = r.choice([home['village'], tv, home['village'] + sub_form(home['sub'], r) if home['sub'] else home['village']])
        who = '居民' if home['village'].endswith('社区') else '村民'
    elif k == 'urban':
        est = home.get('estate')
        p = r.choice(est['shorts']) if est else home['street']
        who = '业主' if est else '居民'
    else:
        p = town_street(home['town'], home['street'], r, False)
        who = '居民'
    if c.op:
        return r.choice([f'来电人是{p}{who}，', f'来电人系{p}{who}，', f'来电人住在{p}，'])
    return r.choice([f'我是{p}的{who}，', f'本人是{p}{who}，', f'我住在{p}，'])


OPEN_OP = [('来电人反映：', 20), ('来电人反映，', 10), ('市民来电反映：', 10), ('市民来电反映，', 8), ('来电反映：', 6),
           ('诉求人反映：', 4), ('群众来电反映：', 3), ('来电人称：', 3), ('来电人来电反映', 2), ('', 8), ('来电人来电称，', 2),
           ('来电人咨询并反映：', 1), ('市民反映：', 3)]
OPEN_WEB_OP = [('网友反映：', 6), ('网民留言反映：', 3), ('市民通过网站反映：', 2), ('诉求人通过微信反映：', 2), ('来信反映：', 1)]
OPEN_ME = [('', 30), ('您好，', 12), ('你好，', 10), ('尊敬的领导：', 6), ('领导您好！', 4), ('12345您好，', 4), ('投诉：', 4),
           ('我要投诉！', 2), ('反映问题：', 2), ('【投诉】', 2), ('求助：', 2), ('您好！', 4), ('各位领导好，', 2)]
HIST_OP_SELF = ['来电人称之前已反映过，至今未得到解决', '来电人表示已是第{k}次反映', '上次反映后有工作人员来看过，但没有下文',
                '来电人对之前的处理结果不满意', '此问题已反映多次（见前期工单）', '来电人称此前反映后问题依旧']
HIST_OP_LONG = ['来电人称反映了几个月都没人管', '来电人称该问题持续很久，多次反映未果', '此前已多次反映，问题一直未解决']
HIST_OP_OTHERS = ['来电人称周边群众已多次反映', '来电人称已有多人反映该问题', '相关部门处理后没过几天又恢复原样',
                  '来电人称相关部门互相推诿']
HIST_ME_SELF = ['之前已经反映过了，一直没解决', '这是我第{k}次反映了', '上次打12345说会处理，到现在都没动静', '来看过一次就没下文了',
                '之前说整改，根本没改']
HIST_ME_LONG = ['已经反映了几个月了，请不要再敷衍', '反映了好几个月都没人管']
HIST_ME_OTHERS = ['很多人都反映过了', '邻居们都打过电话了', '处理了几天又恢复原样', '各个部门推来推去']
HIST_FIRST_OP = ['已向村委反映过，没有结果', '已找过物业和社区，未解决', '曾向镇政府反映，称不归其管', '已与对方多次协商未果']
HIST_FIRST_ME = ['找过村委，村委说管不了', '找过物业也没用', '去镇政府问过，推来推去', '跟他们协商过没用']
RECUR_OP = ['来电人称该问题去年已处理过，近期又再次出现', '之前整改过，现又恢复原状', '该问题时隔几个月再次出现']
RECUR_ME = ['去年处理过一段时间，最近又开始了', '之前好了几个月，现在又这样了', '整改没多久又恢复原样']
TAIL_OP = [('', 50), ('来电人要求回复。', 10), ('来电人要求保密。', 6), ('来电人情绪激动。', 3), ('请相关部门尽快核实处理并回复来电人。', 8),
           ('来电人表示如不解决将继续投诉。', 3), ('来电人要求工作人员到现场查看。', 3), ('来电人要求不要透露其个人信息。', 3)]
COURT = [('', 40), ('谢谢！', 14), ('请尽快处理，谢谢', 12), ('谢谢', 8), ('麻烦了', 5), ('辛苦了！', 4), ('盼复。', 4), ('急！！！', 2),
         ('万分感谢！', 2), ('拜托了', 2), ('谢谢领导', 3)]


ONGOING = {'noise_shop', 'noise_site', 'livestock', 'industry', 'fumes', 'sewage', 'garbage', 'road', 'light',
           'illegal_build', 'parking', 'dogs', 'property', 'water', 'power', 'irrigation', 'telecom', 'traffic', 'flood'}
IMPACT = {
    'noise': ['影响周边居民休息', '老人小孩晚上睡不好', '严重影响学生学习和休息', '周边居民苦不堪言', '上班族白天没精神'],
    'pollution': ['影响村民身体健康', '庄稼和鱼塘都受影响', '群众意见很大', '周边群众不敢开窗', '对饮用水安全造成威胁'],
    'road': ['影响村民出行和农产品运输', '学生上学放学很不安全', '晚上经常有人摔倒', '车辆通行困难'],
    'living': ['给群众生活带来很大不便', '老人小孩生活很不方便', '周边住户意见很大'],
    'order': ['影响市容市貌', '存在安全隐患', '周边群众意见很大'],
}
IMPACT_OF = {'noise_shop': 'noise', 'noise_site': 'noise', 'livestock': 'pollution', 'industry': 'pollution',
             'fumes': 'pollution', 'sewage': 'living', 'garbage': 'living', 'road': 'road', 'light': 'road',
             'illegal_build': 'order', 'parking': 'order', 'dogs': 'order', 'property': 'living', 'water': 'living',
             'power': 'living', 'irrigation': 'living', 'telecom': 'living', 'traffic': 'road', 'flood': 'living'}


def say_since(m, dt, r):
    start = dt - _dt.timedelta(days=30 * m)
    u = r.random()
    if u < 0.3:
        return f'已持续{say_months(m, r)}'
    if u < 0.5:
        return f'从{start.month}月份开始就这样' if start.year == dt.year else f'从去年{start.month}月份开始就这样'
    if u < 0.65 and m >= 10:
        return r.choice(['好几年了', '一年多了', '从去年开始就这样'])
    if u < 0.8:
        return f'{say_months(m, r)}了'
    return f'这种情况差不多有{say_months(m, r)}了'


NO_INTRO = ('cert', 'property', 'handover', 'quality', 'land', 'village')
FIRST_OK = {'已向村委反映过，没有结果': 'rural', '找过村委，村委说管不了': 'rural', '已找过物业和社区，未解决': 'urban',
            '找过物业也没用': 'urban'}


def dem_core(d):
    for p in ('请', '要求', '希望'):
        if d.startswith(p):
            return d[len(p):]
    return d


def history(P, c, r, idx, mine, since):
    if c.recur and r.random() < 0.5:
        return r.choice(RECUR_OP if c.op else RECUR_ME)
    if idx > 0 and r.random() < 0.38:
        pool = []
        if mine > 0:
            pool += HIST_OP_SELF if c.op else HIST_ME_SELF
        else:
            pool += HIST_OP_OTHERS if c.op else HIST_ME_OTHERS
        if since >= 45:
            pool += HIST_OP_LONG if c.op else HIST_ME_LONG
        k = mine + 1 + (r.choice([0, 0, 0, 1, 2]) if mine > 0 else 0)
        h = r.choice(pool)
        if '{k}' in h and mine == 0:
            return ''
        return h.format(k=r.choice([cn_num(min(k, 30)), str(k)]))
    if idx == 0 and r.random() < 0.15:
        h = r.choice(HIST_FIRST_OP if c.op else HIST_FIRST_ME)
        need = FIRST_OK.get(h)
        if need and (need == 'rural') != (P.loc['kind'] == 'rural'):
            return ''
        return h
    return ''


def contact_content(P, c, cl, idx, mine=0, since=0.0):
    r = c.r
    near = cl['home'].get('village') == P.loc.get('village') or cl['home'].get('street') == P.loc.get('street')
    c.L = content_place(P, c, near)
    c.E = ent_mention(P.ent, r) if P.ent else ''
    body = MATTERS[P.matter][4](P, c)
    if (P.matter in ONGOING and not c.short and '持续' not in body and '个月' not in body
            and P.sub not in ('停水', '管道爆裂', '长时间停电') and P.matter != 'flood'):
        add = []
        if r.random() < (0.35 if c.op else 0.25):
            m0 = P.a.get('_since')
            if m0 is None:
                m0 = P.a['_since'] = stable_rng('since', P.id).choice([1, 2, 3, 4, 6, 8, 12, 18, 24])
            add.append(say_since(m0 + int(since // 30), c.dt, r))
        if r.random() < (0.3 if c.op else 0.15):
            add.append(r.choice(IMPACT[IMPACT_OF[P.matter]]))
        if add:
            body += '，' + '，'.join(add)
    h = history(P, c, r, idx, mine, since)
    intro = self_intro(c, cl['home'], r) if P.matter not in NO_INTRO and r.random() < (0.12 if c.op else 0.15) else ''
    if c.op:
        op = OPEN_OP + (OPEN_WEB_OP if c.ch != '电话' else [])
        s = wpick(r, op) + intro + body
        if h:
            s += '。' + h
        back = False
        if not c.short or r.random() < 0.5:
            d = r.choice(MATTERS[P.matter][5] + DEM_GEN_OP)
            dc = dem_core(d)
            dm = wpick(r, [('诉求：' + d, 30), ('来电人要求' + dc, 20), ('希望' + dc, 14), ('请相关部门核实处理', 14),
                           ('请' + dc, 10), ('现要求' + dc, 6), ('诉求：' + d + ('，并回复来电人' if '回复' not in d else ''), 4)])
            back = '回复' in dm
            s += '。' + dm
        s += '。'
        t = wpick(r, TAIL_OP)
        if not (back and '回复' in t):
            s += t
        s = s.replace('其的', '其')
    else:
        s = wpick(r, OPEN_ME) + intro + body
        if h:
            s += '，' + h
        end = r.choice(['。', '！', '。', '', '！！'])
        if not c.short or r.random() < 0.4:
            s += r.choice(['。', '，', '！']) + r.choice(MATTERS[P.matter][6] + DEM_GEN_ME)
        court = wpick(r, COURT)
        if court.startswith('请') and end == '':
            end = '，'
        s += end + court
    for a_, b_ in (('。。', '。'), ('，。', '。'), ('，，', '，'), ('：，', '：'), ('约约', '约'), ('要求要求', '要求'),
                   ('希望希望', '希望'), ('请请', '请'), ('？，', '？'), ('！，', '！'), ('。，', '。'), ('！。', '！'),
                   ('正在在', '正在'), ('附近附近', '附近'), ('物业物业', '物业'), ('管理管理', '管理'), ('的的', '的'),
                   ('村里村里', '村里'), ('小区小区', '小区'), ('村里的村里', '村里'), ('反映反映', '反映'), ('多左右', '多')):
        s = s.replace(a_, b_)
    if c.ch in ('网站', '微信', 'APP') and r.random() < 0.02:
        s = to_trad(s)
    if r.random() < 0.03:
        s = s.translate(FULLWIDTH)
    if not c.op and r.random() < 0.03:
        s = s.replace('，', ',')
    return s


RES_GEN = ['已转相关单位办理', '经核实，情况属实，已责令整改', '经现场核查，未发现所反映问题', '已电话联系诉求人，做好解释说明',
           '问题已解决，诉求人表示认可', '已督促相关责任方限期整改', '已纳入整治计划，将逐步解决', '该问题涉及历史遗留问题，正在协调处理',
           '已告知诉求人通过法律途径解决', '经调查，情况部分属实，已要求整改', '工作人员已到现场处理', '已答复诉求人',
           '按职责已转交属地政府处理', '已约谈相关负责人', '已联系诉求人，约定时间上门核实', '经核查，该问题不属实']
RES_M = {
    'wage': ['已约谈包工头，承诺月底前支付', '经协调，施工方已支付部分工资', '已告知诉求人申请劳动仲裁', '劳动监察大队已立案调查',
             '已督促总包单位先行垫付', '工资已全部结清'],
    'cert': ['该项目未完成竣工验收，暂不具备办证条件，已督促开发商整改', '开发商已补缴土地出让金，正在办理首次登记', '已组织专班协调办证问题'],
    'handover': ['已约谈开发商，要求制定复工计划', '项目已列入问题楼盘处置清单'],
    'quality': ['已督促开发商进行维修', '已组织质监站现场检查'],
    'property': ['已约谈物业公司，责令整改', '已督促物业公示收费标准'],
    'noise_shop': ['民警已到场责令降低音量', '已约谈店主，承诺22点后停止室外经营', '已对商家进行批评教育', '夜间巡查未发现噪音超标'],
    'noise_site': ['已责令施工单位停止夜间施工', '该工地已办理夜间施工许可，已要求文明施工'],
    'livestock': ['已责令养殖场限期整改，完善污染防治设施', '该养殖场位于禁养区，已下达关停通知', '已对养殖场立案调查'],
    'industry': ['已责令企业停产整改', '经监测排放达标，已要求加强管理', '已对企业立案处罚'],
    'water': ['因管道维修停水，现已恢复供水', '已安排人员抢修', '已纳入供水管网改造计划'],
    'power': ['因线路故障停电，已抢修恢复', '已列入农网改造计划', '已更换变压器'],
    'road': ['已安排修补坑洞', '该路段已列入年度维修计划', '已设置警示标志'],
    'light': ['已安排维修，路灯已恢复照明', '已报修，待材料到位后维修'],
    'garbage': ['已安排环卫清运', '已增加清运频次'],
    'sewage': ['已安排疏通', '已完成管道维修'],
    'illegal_build': ['已下达责令停止违法行为通知书', '已依法拆除'],
    'food': ['已对商家立案调查', '经调解，商家同意退货赔偿'],
    'consumer': ['经调解，商家同意退款', '调解不成，已告知诉求人通过诉讼解决'],
    'school': ['教育局已约谈学校负责人', '已责令学校退还违规收费'],
}


def pick_units(P, r):
    units = [u for u, _ in P.units]
    k = wpick(r, [(1, 55), (2, 35), (3, 10)])
    out = []
    if r.random() < 0.7:
        out.append(P.primary)
    pool = list(P.units)
    while len(out) < k and len(out) < len(units):
        u = wpick(r, pool)
        if u not in out:
            out.append(u)
    return out


def render_problem(P, r):
    rows = []
    seen = {}
    for i, off in enumerate(P.offs):
        ci = P.seq[i]
        cl = P.callers[ci]
        mine = seen.get(ci, 0)
        seen[ci] = mine + 1
        dt0 = P.start + _dt.timedelta(days=off)
        ch = cl['ch'] if r.random() < 0.6 else wpick(r, CH_W)
        hw = HOUR_PHONE if ch == '电话' else HOUR_WEB
        if P.matter in ('noise_shop', 'noise_site') and r.random() < 0.5:
            hw = HOUR_NIGHT
        h = wpick(r, list(enumerate(hw)))
        dt = _dt.datetime(dt0.year, dt0.month, dt0.day, h, r.randint(0, 59), r.randint(0, 59))
        if dt > T1:
            dt = T1 - _dt.timedelta(minutes=r.randint(1, 600))
        if dt < T0:
            dt = T0 + _dt.timedelta(minutes=r.randint(1, 600))
        c = Ctx()
        c.r = r
        c.ch = ch
        c.op = r.random() < {'电话': 0.94, '网站': 0.3, '微信': 0.22, 'APP': 0.2, '其他': 0.6}[ch]
        c.I = '其' if c.op else '我'
        c.we = r.choice(['其等人', '他们', '其等']) if c.op else '我们'
        c.dt = dt
        c.short = r.random() < ({'APP': 0.55, '微信': 0.4, '网站': 0.2}.get(ch, 0.25))
        c.recur = P.burst[i] > 0 and (i == 0 or P.burst[i - 1] != P.burst[i] or r.random() < 0.3)
        content = contact_content(P, c, cl, i, mine, off)
        # address column
        u = r.random()
        if u < 0.4:
            addr = render_addr(P.loc, r, r.choice(['full', 'full', 'mid']), P.ent)
        elif u < 0.7:
            addr = render_addr(cl['home'], r, r.choice(['full', 'full', 'mid']))
        elif u < 0.8:
            addr = render_addr(P.loc, r, 'coarse')
        else:
            addr = generic_addr(P.loc, r)
        units = pick_units(P, r)
        ret = ''
        if (P.push and r.random() < 0.45) or r.random() < 0.04:
            if len(units) == 1:
                extra = [u2 for u2, _ in P.units if u2 != units[0]]
                if extra:
                    units = units + [r.choice(extra)]
            if len(units) > 1:
                ret = units[0] if r.random() < 0.8 or len(units) < 3 else '、'.join(units[:2])
        recent = (T1 - dt).days < 10
        if recent and r.random() < 0.7:
            result, sat = r.choice(['', '正在办理中', '已转办']), '未回访'
        else:
            pool = RES_M.get(P.matter, []) + RES_GEN
            result = r.choice(pool)
            if P.hard:
                sat = wpick(r, [('满意', 18), ('基本满意', 22), ('不满意', 42), ('未回访', 18)])
            else:
                sat = wpick(r, [('满意', 40), ('基本满意', 25), ('不满意', 15), ('未回访', 20)])
        phone = cl['phone2'] if cl['phone2'] is not None and r.random() < 0.4 else cl['phone']
        if r.random() < 0.03:
            phone = ''
        rows.append({'work_order': '', 'channel': ch, 'received_at': dt.strftime('%Y-%m-%d %H:%M:%S'), '_dt': dt,
                     'complainant_name': caller_name(cl, r), 'phone': phone, 'address': addr, 'content': content,
                     'transfer_units': '、'.join(units), 'return_units': ret, 'result': result, 'satisfaction': sat,
                     'problem': P.id})
    return rows


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------
def generate(n: int, seed: int) -> list:
    r = random.Random(seed)
    nm = Names(r)
    sizes, tot = [], 0
    while tot < n:
        s = min(sample_size(r), n - tot)
        sizes.append(s)
        tot += s
    problems, frequent = [], []
    CLUSTER.clear()
    for pid, s in enumerate(sizes, 1):
        P = new_problem(pid, s, r, nm, problems, frequent)
        for k in cluster_keys(P):
            CLUSTER[k] = CLUSTER.get(k, 0) + 1
        problems.append(P)
    rows = []
    for P in problems:
        rows.extend(render_problem(P, r))
    rows.sort(key=lambda x: (x['_dt'], x['problem']))
    day, seq = None, 0
    for x in rows:
        d = x['_dt'].strftime('%Y%m%d')
        if d != day:
            day, seq = d, r.randint(1, 40)
        seq += r.randint(1, 9)
        x['work_order'] = f'YL{d}{seq:05d}'
        del x['_dt']
    return rows


HEADERS = ['工单编号', '来源渠道', '受理时间', '诉求人', '联系电话', '诉求地址', '诉求内容', '承办单位', '退回单位', '办理结果', '满意度']
KEYS = ['work_order', 'channel', 'received_at', 'complainant_name', 'phone', 'address', 'content', 'transfer_units',
        'return_units', 'result', 'satisfaction']


def write_csv(items, path):
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path, 'w', encoding='utf-8-sig', newline='') as f:
        w = csv.writer(f)
        w.writerow(HEADERS)
        for x in items:
            w.writerow([x[k] for k in KEYS])


def write_labels(items, path):
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path, 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f)
        w.writerow(['work_order', 'problem'])
        for x in items:
            w.writerow([x['work_order'], x['problem']])


if __name__ == '__main__':
    import sys
    here = sys.argv[1] if len(sys.argv) > 1 else '.'
    items = generate(20000, 1)
    write_csv(items, os.path.join(here, 'contacts.csv'))
    write_labels(items, os.path.join(here, 'labels.csv'))
    np_ = len({x['problem'] for x in items})
    print(f'{len(items)} contacts, {np_} problems -> {here}/contacts.csv, {here}/labels.csv')
