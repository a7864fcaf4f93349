"""Extraction on articles written for these tests (not from the sample pages): the
patterns of union news, with places, bodies and people the gold never names."""

from __future__ import annotations

import pytest

from graph.extract import extract
from loaders.text import compose, split_lines
from support import REPO


def graph_of(text: str):
    headline, *body = split_lines(text)  # the first line is the headline, as in a page
    g = extract(compose("test.txt", 0, headline, body))
    entities = {(e.type.value, e.name) for e in g.entities}
    relations = {(r.subject, r.predicate.value, r.object) for r in g.relations}
    return g, entities, relations


def of_type(entities: set[tuple[str, str]], etype: str) -> set[str]:
    return {name for t, name in entities if t == etype}


CONTEST = (
    "海淀区启动“海淀工匠”技能大赛\n"
    "本报讯（记者 王晓东）近日，海淀区总工会联合中关村街道总工会在中关村国家自主创新示范区展示中心"
    "举办2024年“海淀工匠”技能大赛启动仪式。北京市总工会党组成员、副主席刘海峰出席并致辞。"
    "全国劳动模范、北京大工匠陈建国作为选手代表发言。\n"
    "据了解，本次大赛由海淀区总工会主办，北京京东方科技集团股份有限公司工会承办。"
    "海淀区总工会相关负责人表示，下一步将深入实施“技能强区”行动，持续开展职工技能培训120场。"
)


def test_a_contest_launch_yields_its_bodies_people_and_programme():
    g, entities, relations = graph_of(CONTEST)
    assert {
        ("Union", "海淀区总工会"),
        ("Union", "中关村街道总工会"),
        ("District", "海淀区"),
        ("District", "中关村街道"),
        ("Person", "刘海峰"),
        ("Person", "陈建国"),
        ("Honour", "全国劳动模范"),
        ("Honour", "北京大工匠"),
        ("Honour", "海淀工匠"),
        ("Programme", "“技能强区”行动"),
        ("Programme", "职工技能培训"),
    } <= entities
    assert {
        ("海淀区总工会", "unionOf", "海淀区"),
        ("中关村街道", "locatedIn", "海淀区"),
        ("陈建国", "hasHonour", "全国劳动模范"),
        ("陈建国", "hasHonour", "北京大工匠"),
        ("北京京东方科技集团股份有限公司工会", "unionOf", "北京京东方科技集团股份有限公司"),
    } <= relations
    posts = [(r.subject, r.object, r.title) for r in g.relations if r.predicate.value == "holdsPost"]
    assert posts == [("刘海峰", "北京市总工会", "党组成员、副主席")]
    event = next(e.name for e in g.entities if e.type.value == "Event")
    assert event == "2024年“海淀工匠”技能大赛启动仪式"
    assert ("海淀区总工会", "organised", event) in relations
    assert (event, "heldAt", "中关村国家自主创新示范区展示中心") in relations
    assert ("刘海峰", "participatedIn", event) in relations


@pytest.mark.parametrize(
    "text, absent",
    [
        ("职工代表赵明辉发言。", ("Person", "代表赵明辉")),
        ("他向师生讲述奋斗故事。", ("Person", "向师生")),
        ("针对辖区企业职工人数多但吸纳工会会员效果不理想的单位，开展走访。", ("Union", "吸纳工会")),
        ("公司工会积极组织职工参加活动。", ("Union", "公司工会")),
        ("开展《北京市职工权益状况》专题调研。", ("District", "北京市")),
    ],
)
def test_common_phrases_are_not_names(text, absent):
    _, entities, _ = graph_of("标题\n" + text)
    assert absent not in entities


def test_quoted_lists_share_what_follows_them():
    _, entities, _ = graph_of(
        "标题\n该区建立“人社+工会”“法院+工会”调解机制，做好“杰出人才”“领军人才”认定工作。"
    )
    assert {
        ("Programme", "“人社+工会”调解机制"),
        ("Programme", "“法院+工会”调解机制"),
        ("Honour", "杰出人才"),
        ("Honour", "领军人才"),
    } <= entities


def test_units_listed_after_their_body_are_its_parts():
    text = "标题\n近日，北京瑞祥发展中心党委宣传部、工会和团委共同举办“情系职工”联谊会。"
    _, entities, relations = graph_of(text)
    assert {("Organisation", "北京瑞祥发展中心团委"), ("Union", "北京瑞祥发展中心工会")} <= entities
    assert ("北京瑞祥发展中心团委", "subOrganizationOf", "北京瑞祥发展中心") in relations
    assert ("北京瑞祥发展中心党委宣传部", "organised", "“情系职工”联谊会") in relations


def test_a_short_name_in_the_headline_is_the_full_name_of_the_body():
    g, entities, _ = graph_of(
        "北京华通二公司举办职工联谊会\n近日，北京华通第二工程建设有限公司举办职工联谊会。"
        "北京华通第二工程建设有限公司工会相关负责人介绍了活动情况。"
    )
    firms = [e for e in g.entities if e.type.value == "Enterprise"]
    assert [(e.name, sorted(e.aliases)) for e in firms] == [
        ("北京华通第二工程建设有限公司", ["北京华通二公司"])
    ]


def test_a_branch_union_is_not_its_parents_union():
    _, entities, _ = graph_of(
        "城信公司工会举办主题活动\n近日，北京城信装饰公司工会与北京城信装饰公司四川分公司工会共同举办“同心”主题活动。"
    )
    assert {("Union", "北京城信装饰公司工会"), ("Union", "北京城信装饰公司四川分公司工会")} <= entities


def test_programme_names_keep_their_head_words_and_drop_slogans():
    _, entities, _ = graph_of(
        "市邮政工会暖“心”行动温暖职工\n近日，北京市邮政工会搭建职工“一站式”服务平台，"
        "打造“敬业、创新、奉献”的团队，举办“读书节暨书香进企业”活动。"
    )
    programmes = of_type(entities, "Programme")
    assert {"暖“心”行动", "职工“一站式”服务平台", "书香进企业"} <= programmes
    assert not any("敬业" in name for name in programmes)


def test_the_subject_of_a_sentence_organises_what_its_later_clauses_launch():
    _, _, relations = graph_of(
        "标题\n近日，石景山区总工会深化职工素质建设，持续开展“技能强区”行动，推出“石景山工匠”培养计划。"
    )
    assert {
        ("石景山区总工会", "organised", "“技能强区”行动"),
        ("石景山区总工会", "organised", "“石景山工匠”培养计划"),
    } <= relations


def test_the_municipal_federation_by_its_short_name():
    _, entities, _ = graph_of(
        "标题\n今年以来，市总工会面向基层单位举办培训30场。全总有关负责人出席。完全总结经验。"
    )
    unions = of_type(entities, "Union")
    assert unions == {"北京市总工会", "中华全国总工会"}
    assert ("District", "北京市") not in entities  # the text never prints the place


def test_places_inside_a_zone_name_are_not_mentions_of_their_own():
    _, entities, relations = graph_of(
        "标题\n北京中关村软件园核心区（海淀）新增企业工会12家。海淀区总工会表示祝贺。"
    )
    assert ("北京中关村软件园核心区", "locatedIn", "北京市") not in relations
    assert ("海淀区", "locatedIn", "北京市") not in relations


def test_speakers_after_their_body_and_common_words_that_are_not_names():
    _, entities, _ = graph_of(
        "标题\n会后，劳模们与学生代表展开面对面交流。该校机电工程学院（实训部）邱海涛说：“收获很大。”"
    )
    people = of_type(entities, "Person")
    assert people == {"邱海涛"}


def test_branch_venues_and_the_bodies_that_joined_from_them():
    _, _, relations = graph_of(
        "顺义区举办职工沟通会\n近日，顺义区总工会举办了以“同心聚力”为主题的专场职工沟通会。"
        "记者在位于北京燕京啤酒股份有限公司的职工沟通会主会场看到，职工踊跃入会。"
        "当天，仁和镇总工会、牛栏山镇总工会也纷纷开设分会场。"
    )
    assert ("顺义区总工会", "organised", "专场职工沟通会") in relations
    assert ("北京燕京啤酒股份有限公司", "organised", "专场职工沟通会") not in relations
    assert ("专场职工沟通会", "heldAt", "北京燕京啤酒股份有限公司") in relations
    assert {
        ("仁和镇总工会", "participatedIn", "专场职工沟通会"),
        ("牛栏山镇总工会", "participatedIn", "专场职工沟通会"),
    } <= relations


def test_a_body_pushing_a_programme_forward_runs_it():
    _, _, relations = graph_of("标题\n近年来，房山区总工会持续推进“职工之家”建设工程。")
    assert ("房山区总工会", "organised", "“职工之家”建设工程") in relations


def test_a_party_committee_department_lies_in_its_district_and_is_named_whole():
    _, entities, relations = graph_of("标题\n近日，密云区委宣传部、密云区委办工会联合举办“书香密云”读书会。")
    organisations = of_type(entities, "Organisation")
    assert "密云区委宣传部" in organisations and "密云区委" not in organisations
    assert ("密云区委宣传部", "locatedIn", "密云区") in relations


def test_year_round_activities_and_selections_are_not_single_events():
    _, entities, _ = graph_of(
        "延庆区总工会召开一线劳模座谈会\n近日，延庆区总工会召开一线劳模座谈会。\n"
        "据介绍，该区各级工会广泛开展岗位练兵活动，举办第三届“妫川工匠”选树活动。"
    )
    assert ("Event", "一线劳模座谈会") in entities
    assert ("Programme", "第三届“妫川工匠”选树活动") in entities
    assert not any(name == "岗位练兵活动" for etype, name in entities if etype == "Event")


def test_district_relative_names_railway_bureaus_and_campuses():
    g, entities, relations = graph_of(
        "标题\n近日，平谷区推进产改领导小组召开会议，区推进产改领导小组成员出席。"
        "活动在上海铁路局南京机务段举行，并在首都师范大学良乡校区设分会场。"
    )
    groups = [e for e in g.entities if e.name.endswith("领导小组")]
    assert [(e.name, "区推进产改领导小组" in e.aliases) for e in groups] == [("平谷区推进产改领导小组", True)]
    assert ("Enterprise", "上海铁路局") in entities and ("Organisation", "南京机务段") in entities
    assert ("南京机务段", "subOrganizationOf", "上海铁路局") in relations
    assert ("Organisation", "首都师范大学") not in entities


def test_an_event_that_marks_a_launch_and_the_union_the_article_is_about():
    _, _, relations = graph_of(
        "2025年区直机关职工运动会开幕\n近日，2025年“健康怀柔”职工趣味运动会在怀柔体育馆举行，标志着2025年怀柔区职工健身季活动启动。\n"
        "活动中，怀柔区总工会向全区职工发出倡议。怀柔区总工会副主席李明出席。"
    )
    event = "2025年“健康怀柔”职工趣味运动会"
    assert (event, "partOf", "2025年怀柔区职工健身季活动") in relations
    assert ("怀柔区总工会", "organised", event) in relations


def test_themed_and_quoted_occurrences_and_a_joint_opening():
    _, entities, relations = graph_of(
        "标题\n近日，由顺义空港园区主办，空港园区总工会承办的“书香空港·悦读人生”主题诗会暨“书香空港”阅读系列活动启幕。"
        "当天，北京城建五公司工会在园博园开展了以“花草奇遇记”为主题的亲子活动，并开展“爱在荆楚同行”主题活动。"
    )
    events = of_type(entities, "Event")
    assert {"“书香空港·悦读人生”主题诗会", "“花草奇遇记”亲子活动", "“爱在荆楚同行”主题活动"} <= events
    assert ("Programme", "“书香空港”阅读系列活动") in entities
    assert ("“书香空港·悦读人生”主题诗会", "partOf", "“书香空港”阅读系列活动") in relations


def test_brand_names_listed_beside_a_firm_and_zhongguancun_parks():
    _, entities, relations = graph_of(
        "标题\n近日，顺义园总工会在园区建成燕京啤酒有限公司、汉能光伏、京瓷精工等8家职工之家示范点。"
    )
    assert {("Enterprise", "汉能光伏"), ("Enterprise", "京瓷精工")} <= entities
    assert ("顺义园总工会", "unionOf", "中关村科技园区顺义园") in relations


def test_a_campaign_named_by_its_slogans_and_whose_mechanism_it_is():
    _, entities, _ = graph_of(
        "标题\n近日，房山区总工会持续实施企业“三个一”服务机制，不断深化“送法律、送技能、送健康”活动。"
    )
    programmes = of_type(entities, "Programme")
    assert programmes == {"“三个一”服务机制", "“送法律、送技能、送健康”活动"}


def test_a_school_and_its_divisions_and_a_place_named_inside_a_longer_phrase():
    _, entities, _ = graph_of(
        "标题\n近日，职工走进北师大附中顺义新城学校参观学习，参观了北师大附中顺义新城学校中学部、小学部。"
        "北京市工会十五大代表出席。"
    )
    organisations = of_type(entities, "Organisation")
    assert organisations == {"北师大附中顺义新城学校"}
    assert ("District", "北京市") not in entities


def test_a_union_named_after_the_tail_of_a_body_the_article_names_in_full():
    g, entities, relations = graph_of(
        "标题\n近日，海淀智能制造产业基地举办职工运动会。智能制造产业基地工会主席王小明出席。"
        "北京星河光电科技集团举办“光耀星河”职工联谊会，星河光电科技集团工会承办。"
    )
    assert ("Union", "智能制造产业基地工会") in entities
    assert {
        ("智能制造产业基地工会", "unionOf", "海淀智能制造产业基地"),
        ("星河光电科技集团工会", "unionOf", "北京星河光电科技集团"),
    } <= relations
    group = next(e for e in g.entities if e.name == "北京星河光电科技集团")
    assert "星河光电科技集团" in group.aliases
    assert ("Enterprise", "星河光电科技集团") not in entities


def test_a_union_whose_name_fits_the_tail_of_two_bodies_gets_no_owner():
    _, _, relations = graph_of(
        "标题\n近日，海淀智能制造产业基地与昌平智能制造产业基地联合举办技能大赛。智能制造产业基地工会主席王小明出席。"
    )
    assert not any(p == "unionOf" for _, p, _ in relations)


def test_a_listed_zone_printed_with_its_districts_name_lies_in_that_district():
    _, _, relations = graph_of("标题\n近日，怀柔科学城举办职工运动会。顺义园总工会相关负责人出席。")
    assert ("怀柔科学城", "locatedIn", "怀柔区") in relations
    # 顺义园 is the park's short name (中关村顺义园), not 顺义 and a name of its own
    assert not any(s == "中关村科技园区顺义园" and p == "locatedIn" for s, p, _ in relations)


def test_a_project_department_belongs_to_the_one_firm_its_sentence_names():
    _, entities, relations = graph_of(
        "标题\n近日，北京华建第三建设有限公司在金桥花园项目部举办劳动竞赛启动会。"
        "当天，北京华建第三建设有限公司与北京宏达建设有限公司在银河湾项目部举办技能比武启动会。"
    )
    assert ("Enterprise", "金桥花园项目部") in entities
    assert ("金桥花园项目部", "subOrganizationOf", "北京华建第三建设有限公司") in relations
    assert not any(
        s == "银河湾项目部" and p == "subOrganizationOf" for s, p, _ in relations
    )  # which of the two?


def test_a_body_whose_staff_is_taken_to_an_event_takes_part_in_it():
    _, _, relations = graph_of(
        "标题\n近日，顺义区水务局工会组织全体干部职工到北石槽镇开展“绿色水务”植树活动。\n"
        "怀柔区司法局工会举办“书香司法”职工读书分享会，带领区司法局职工及家属共读好书。\n"
        "北京华通物流有限公司工会组织百余名职工前往雁栖湖开展“健康同行”徒步活动。"
    )
    assert {
        ("顺义区水务局", "participatedIn", "“绿色水务”植树活动"),
        ("怀柔区司法局", "participatedIn", "“书香司法”职工读书分享会"),
    } <= relations
    # some of a firm's staff, not the whole firm
    assert ("北京华通物流有限公司", "participatedIn", "“健康同行”徒步活动") not in relations


def test_a_quoted_honour_without_a_programme_word_is_the_title_itself():
    _, entities, _ = graph_of("标题\n近日，海淀区总工会开展“海淀工匠”推荐申报工作，将认定10名“海淀工匠”。")
    assert ("Honour", "海淀工匠") in entities
    assert not of_type(entities, "Programme")


def test_bodies_acting_honoured_or_represented_at_the_event_take_part_in_it():
    _, _, relations = graph_of(
        "标题\n近日，“健康密云”职工运动会在密云体育馆举行。活动现场，密云区总工会向全区职工发出倡议。"
        "会上，公司领导为新成立的“先锋”青年突击队现场授旗。北京市林业工会、北京华泰集团相关负责同志参加大会。"
    )
    event = "“健康密云”职工运动会"
    assert {
        (body, "participatedIn", event)
        for body in ("密云区总工会", "“先锋”青年突击队", "北京市林业工会", "北京华泰集团")
    } <= relations


def test_a_programme_printed_after_a_body_is_that_bodys():
    _, _, relations = graph_of(
        "标题\n近日，北京华通集团工会召开会员代表大会。大会要求，北京华通集团工会要认真落实中华全国总工会“三个一”工作部署。"
    )
    assert ("中华全国总工会", "organised", "“三个一”工作部署") in relations
    assert ("北京华通集团工会", "organised", "“三个一”工作部署") not in relations  # it carries the plan out


def test_a_street_office_listed_after_its_committee_and_a_campus_named_after_its_district():
    _, entities, relations = graph_of(
        "标题\n近日，朝阳区小红门地区工委、办事处联合小红门地区总工会在北京汇通学院昌平校区举办“绿动小红门”健步走活动。"
    )
    assert ("Organisation", "朝阳区小红门地区办事处") in entities
    assert {
        ("朝阳区小红门地区办事处", "locatedIn", "小红门地区"),
        ("朝阳区小红门地区办事处", "organised", "“绿动小红门”健步走活动"),
        ("北京汇通学院昌平校区", "locatedIn", "昌平区"),
    } <= relations


def test_a_unit_a_body_sets_up_and_the_district_part_of_a_zone():
    _, entities, relations = graph_of(
        "标题\n近日，丰台区总工会深化职工服务，精心设计“3+1”服务体系，成立“暖蜂”职工服务中心。"
        "北京自贸区（海淀片区）举办职工运动会。"
    )
    assert {
        ("“暖蜂”职工服务中心", "subOrganizationOf", "丰台区总工会"),
        ("丰台区总工会", "organised", "“3+1”服务体系"),
    } <= relations
    zone = "中国（北京）自由贸易试验区（海淀片区）"
    assert ("District", zone) in entities and (zone, "locatedIn", "海淀区") in relations


def test_places_side_by_side_are_not_one_in_the_other():
    # a place chain reads outer → inner only downwards: 北京市房山区长阳镇, not 房山区昌平区
    _, _, relations = graph_of("标题\n北京市房山区长阳镇总工会和房山区昌平区职工服务中心开展活动。")
    assert ("房山区", "locatedIn", "北京市") in relations and ("长阳镇", "locatedIn", "房山区") in relations
    assert ("昌平区", "locatedIn", "房山区") not in relations
    assert ("房山区", "locatedIn", "昌平区") not in relations


def test_an_official_named_before_what_they_do_on_a_visit():
    _, entities, relations = graph_of(
        "标题\n近日，密云区总工会党组书记、副主席钱晓峰带队走访慰问一线职工；"
        "区总工会副主席孙立军看望了困难职工。"
    )
    assert {"钱晓峰", "孙立军"} <= of_type(entities, "Person")
    assert ("钱晓峰", "holdsPost", "密云区总工会") in relations


def test_a_body_joined_to_the_paragraph_s_subject_organises_with_it():
    _, _, relations = graph_of(
        "标题\n5月8日，北京宏远建设集团第六项目部联合怀柔区雁栖镇总工会，在项目工地举办消防安全主题活动。"
    )
    organisers = {s for s, p, o in relations if p == "organised"}
    assert {"北京宏远建设集团第六项目部", "怀柔区雁栖镇总工会"} <= organisers


def test_an_event_named_for_the_staff_it_serves():
    # 职工…讲座, 职工…运动会: a name that starts with 职工 is still one occurrence
    _, entities, relations = graph_of("标题\n5月9日，延庆区总工会在延庆区职工之家举办职工心理健康公益讲座。")
    assert "职工心理健康公益讲座" in of_type(entities, "Event")
    assert ("延庆区总工会", "organised", "职工心理健康公益讲座") in relations


def test_the_headline_s_short_name_of_the_event_is_the_body_s_event():
    g, entities, _ = graph_of("通州区总工会举办职工篮球比赛\n6月3日，通州区总工会举办职工三人篮球友谊比赛。")
    assert of_type(entities, "Event") == {"职工三人篮球友谊比赛"}
    assert "职工篮球比赛" in next(e for e in g.entities if e.type.value == "Event").aliases


def test_workers_named_after_their_occupation_work_for_the_body_before_it_and_get_the_title_conferred():
    _, entities, relations = graph_of(
        "标题\n会上，北京华腾电气有限公司维修电工赵立新等30人被授予“通州区劳动模范”称号，"
        "通州区中医医院主任医师钱晓梅等10人被授予“通州区先进工作者”称号。"
    )
    assert {"赵立新", "钱晓梅"} <= of_type(entities, "Person")
    assert {
        ("赵立新", "worksFor", "北京华腾电气有限公司"),
        ("钱晓梅", "worksFor", "通州区中医医院"),
        ("赵立新", "hasHonour", "通州区劳动模范"),
        ("钱晓梅", "hasHonour", "通州区先进工作者"),
    } <= relations
    # each clause confers its own title
    assert ("赵立新", "hasHonour", "通州区先进工作者") not in relations


def test_honours_won_in_a_later_clause_about_the_same_person():
    _, _, relations = graph_of(
        "标题\n在京港地铁公司，提起检修工韩志远，大家都竖起大拇指。"
        "韩志远2001年参加工作，二十年来坚守一线，先后荣获首都劳动奖章、北京市劳动模范等荣誉。"
    )
    assert {("韩志远", "hasHonour", "首都劳动奖章"), ("韩志远", "hasHonour", "北京市劳动模范")} <= relations


def test_a_body_given_a_title_is_not_a_person_holding_it():
    _, _, relations = graph_of(
        "标题\n区总工会副主席孙立军介绍，北京华腾电气有限公司工会先后被评为首都劳动奖章单位。"
    )
    assert not {r for r in relations if r[1] == "hasHonour"}


@pytest.mark.parametrize(
    "text, post",
    [
        (
            "标题\n近日，朝阳区三里屯街道总工会举办职工健步走活动。街道工委书记郑国栋、街道总工会主席孟丽华出席活动。",
            ("孟丽华", "holdsPost", "朝阳区三里屯街道总工会"),
        ),
        # 工联会: the usual short form of 工会联合会
        (
            "街道开展集体协商\n本报讯 近日，昌平区回龙观街道工会联合会组织辖区企业开展集体协商。"
            "街道工联会主席尚文静介绍，今年已签订工资专项集体合同15份。",
            ("尚文静", "holdsPost", "昌平区回龙观街道工会联合会"),
        ),
    ],
)
def test_the_street_union_printed_short_is_the_one_the_article_names_in_full(text, post):
    _, _, relations = graph_of(text)
    assert post in relations


def test_the_district_union_after_a_season_organises_the_season_s_event():
    _, _, relations = graph_of(
        "延庆区总工会为一线职工送清凉\n7月10日，延庆区总工会副主席周立平来到施工现场慰问一线职工。"
        "据悉，今年夏季区总工会将投入资金200万元，开展“送清凉”活动，惠及职工2万余人。"
    )
    assert ("延庆区总工会", "organised", "“送清凉”活动") in relations


def test_an_honour_printed_before_the_workers_body_and_occupation_is_theirs():
    _, _, relations = graph_of(
        "标题\n全国劳动模范、北京东岳精密机械有限公司高级技师邵春雷为师生讲述成长经历。"
    )
    assert {
        ("邵春雷", "hasHonour", "全国劳动模范"),
        ("邵春雷", "worksFor", "北京东岳精密机械有限公司"),
    } <= relations


def test_the_host_after_the_organiser_and_a_congress_named_after_the_firm():
    _, entities, relations = graph_of(
        "标题\n5月20日，由平谷区总工会主办、平谷区第三中学承办的“劳模进校园”活动在该校举行。\n"
        "3月12日，北京东岳建设集团第二届职工代表大会第一次会议召开。大会选举产生新一届工会委员会，伍振邦当选为集团工会主席。"
    )
    assert {
        ("平谷区总工会", "organised", "“劳模进校园”活动"),
        ("平谷区第三中学", "organised", "“劳模进校园”活动"),
    } <= relations
    congress = next(name for name in of_type(entities, "Event") if "职工代表大会" in name)
    # with the firm's name or without it, but not from inside it (建设集团第二届…)
    assert congress in {"北京东岳建设集团第二届职工代表大会第一次会议", "第二届职工代表大会第一次会议"}
    assert "伍振邦" in of_type(entities, "Person")


def test_a_district_s_centre_printed_without_the_district_s_name():
    _, entities, _ = graph_of(
        "海淀区总工会发放帮扶金\n日前，海淀区总工会在区职工服务中心举行困难职工帮扶金发放仪式。"
        "下一步将联合区人力社保局开展服务。"
    )
    assert {"海淀区职工服务中心", "海淀区人力社保局"} <= of_type(entities, "Organisation")


def test_posts_in_a_township_s_committee_and_its_union_printed_short():
    g, entities, relations = graph_of(
        "标题\n近日，密云区溪翁庄镇总工会建成职工书屋。溪翁庄镇党委副书记、镇总工会主席马文涛表示，书屋向全镇职工开放。"
    )
    assert {
        ("马文涛", "holdsPost", "溪翁庄镇党委"),
        ("马文涛", "holdsPost", "密云区溪翁庄镇总工会"),
    } <= relations
    # a place is only pointed at where it is printed (镇总工会 prints no 密云区)
    places = {e.name: e.spans for e in g.entities if e.type.value == "District"}
    assert all(
        g.article.text[s.start : s.end] in (name, name[:-1]) for name, spans in places.items() for s in spans
    )


def test_names_headed_by_the_capital_and_counted_kinds_of_body():
    _, entities, _ = graph_of(
        "标题\n决赛在首都师范大学举行。今年新认定首都技能学院，全市已建成8家首都技能学院。"
    )
    assert "首都师范大学" in of_type(entities, "Organisation")  # (jieba reads 首都 as an adverb)
    assert "首都技能学院" not in of_type(entities, "Organisation")


def test_the_company_union_printed_short_and_an_award_winner_with_body_and_occupation():
    _, _, relations = graph_of(
        "华建三公司工会启动竞赛\n日前，北京华建集团第三建筑有限公司工会启动安全知识竞赛。公司工会主席严立群为参赛班组授旗。"
        "首都劳动奖章获得者、北京京燃集团高级技师付长海介绍了经验。"
    )
    assert ("严立群", "holdsPost", "北京华建集团第三建筑有限公司工会") in relations
    assert {("付长海", "hasHonour", "首都劳动奖章"), ("付长海", "worksFor", "北京京燃集团")} <= relations


def test_each_official_of_a_list_before_出席_attends_and_one_elected_holds_the_post():
    _, _, relations = graph_of(
        "标题\n9月26日，平谷区总工会第四次代表大会在平谷区会议中心开幕。北京市总工会党组成员、副主席邵立峰，"
        "平谷区委副书记、区长葛建新出席大会并讲话。在随后召开的全委会上，严志远当选为区总工会主席。"
    )
    event = "平谷区总工会第四次代表大会"
    assert {("邵立峰", "participatedIn", event), ("葛建新", "participatedIn", event)} <= relations
    assert ("严志远", "holdsPost", "平谷区总工会") in relations


def test_a_quoted_title_conferred_on_the_people_listed():
    _, entities, relations = graph_of(
        "标题\n近日，评选结果揭晓，北京京燃集团管道工郑铁军、延庆区妇幼保健院护士长柏佳等10人获评“延庆区最美劳动者”。"
    )
    assert "延庆区最美劳动者" in of_type(entities, "Honour")
    assert {
        ("郑铁军", "hasHonour", "延庆区最美劳动者"),
        ("柏佳", "hasHonour", "延庆区最美劳动者"),
        ("柏佳", "worksFor", "延庆区妇幼保健院"),
    } <= relations


def test_honours_won_by_he_or_she_go_to_the_person_the_paragraph_spoke_of_last():
    _, _, relations = graph_of(
        "标题\n提起检修工韩志远，大家都竖起大拇指。他先后荣获首都劳动奖章、北京市劳动模范等荣誉。\n"
        "她也曾获评“北京大工匠”。"
    )
    assert {("韩志远", "hasHonour", "首都劳动奖章"), ("韩志远", "hasHonour", "北京市劳动模范")} <= relations
    assert not any(
        o == "北京大工匠" for _, p, o in relations if p == "hasHonour"
    )  # another paragraph, no one named


def test_a_league_that_closes_at_a_venue_and_the_teams_that_won():
    _, entities, relations = graph_of(
        "标题\n由顺义区总工会、顺义区体育局共同主办的2024年顺义区职工足球联赛日前在顺义体育中心落下帷幕。"
        "北京华腾电气有限公司代表队获得冠军，顺义区消防救援支队代表队获得亚军。"
    )
    league = "2024年顺义区职工足球联赛"
    assert league in of_type(entities, "Event")
    assert {
        ("顺义区总工会", "organised", league),
        ("顺义区体育局", "organised", league),
        (league, "heldAt", "顺义体育中心"),
        ("顺义区消防救援支队", "participatedIn", league),
    } <= relations


def test_a_body_named_after_a_city_lies_in_it_but_beijing_s_own_bodies_get_no_place():
    _, _, relations = graph_of("标题\n绵阳市政府、北京市人力资源和社会保障局有关负责人出席。")
    assert ("绵阳市政府", "locatedIn", "绵阳市") in relations
    assert not {r for r in relations if r[0] == "北京市人力资源和社会保障局" and r[1] == "locatedIn"}


def test_people_elected_in_a_list_and_a_title_alone_take_the_body_elected_before():
    _, entities, relations = graph_of(
        "平谷区工会第四次代表大会召开\n"
        "本报讯（记者 林涛）大会选举产生了平谷区总工会第四届委员会。在随后召开的区总工会四届一次全委会上，"
        "闫立新当选区总工会主席，耿悦、包文博当选副主席。"
    )
    assert {
        ("闫立新", "holdsPost", "平谷区总工会"),
        ("耿悦", "holdsPost", "平谷区总工会"),
        ("包文博", "holdsPost", "平谷区总工会"),
    } <= relations
    assert "平谷区总工会第四届委员会" not in of_type(entities, "Organisation")  # a term of the union


def test_a_withheld_name_is_no_entity_and_a_lawyer_works_for_the_law_firm():
    g, entities, relations = graph_of(
        "法律援助中心为农民工讨薪\n"
        "本报讯 今年5月，18名农民工被天津某建筑劳务有限公司拖欠工资。"
        "援助中心迅速指派北京市正德律师事务所律师闵浩然承办此案。调解会在东城区会议中心举行。"
    )
    assert not any("某" in name for _, name in entities)
    assert "天津市" not in of_type(entities, "District")  # no place taken from a withheld name
    assert "北京市正德律师事务所" in of_type(entities, "Organisation")
    assert ("闵浩然", "worksFor", "北京市正德律师事务所") in relations
    assert "东城区会议中心" in of_type(entities, "Venue")
    assert ("东城区会议中心", "locatedIn", "东城区") in relations
    assert all(len(set(e.spans)) == len(e.spans) for e in g.entities)  # each span once


def test_a_worker_s_profile_gives_the_person_the_employer_and_an_honour():
    _, entities, relations = graph_of(
        "工作室授牌\n"
        "本报讯 区总工会为10家劳模创新工作室授牌。\n"
        "尉迟强是北京京西燃气设备有限公司的高级技师，曾获首都劳动奖章。"
    )
    assert "尉迟强" in of_type(entities, "Person")
    assert ("尉迟强", "worksFor", "北京京西燃气设备有限公司") in relations
    assert ("尉迟强", "hasHonour", "首都劳动奖章") in relations


def test_a_contest_final_belongs_to_the_contest_named_without_edition_or_trade():
    g, entities, relations = graph_of(
        "第八届天津市职工职业技能大赛电工决赛举行\n"
        "本报讯 由天津市总工会、天津市人力资源和社会保障局主办的第八届天津市职工职业技能大赛电工决赛举行。"
        "市人力资源社会保障局副局长柏明远出席。"
    )
    assert "天津市职工职业技能大赛" in of_type(entities, "Programme")
    assert ("第八届天津市职工职业技能大赛电工决赛", "partOf", "天津市职工职业技能大赛") in relations
    bureau = next(e for e in g.entities if e.name == "天津市人力资源和社会保障局")
    assert "市人力资源社会保障局" in bureau.aliases  # 和 comes and goes in a bureau's name


def test_a_place_inside_a_person_s_name_is_no_place_and_officials_who_accompany_are_people():
    _, entities, _ = graph_of(
        "市总工会领导走访慰问一线职工\n"
        "本报讯 北京市总工会副主席庞海淀带队走访慰问了北京热力集团的一线职工。"
        "在热力站，庞海淀详细了解了职工的工作情况。北京热力集团党委副书记柯文斌陪同慰问。"
    )
    assert "海淀区" not in of_type(entities, "District")  # 海淀 of 庞海淀, printed again without a cue
    assert {"庞海淀", "柯文斌"} <= of_type(entities, "Person")


def test_what_an_official_declares_open_is_the_event_not_the_official():
    _, entities, _ = graph_of(
        "顺义区第三届职工运动会开幕\n"
        "本报讯 5月9日，顺义区第三届职工运动会在顺义体育中心开幕。顺义区副区长贺明轩宣布运动会开幕。"
    )
    assert "贺明轩" in of_type(entities, "Person")
    assert not any("贺明轩" in name for name in of_type(entities, "Event"))


def test_a_zone_s_union_villages_listed_together_and_a_company_s_inner_bureau():
    _, entities, _ = graph_of(
        "驿站建设\n"
        "本报讯 北京大兴国际机场临空经济区工会、中国铁路一局（集团）有限公司工会的代表参加了活动。"
        "目前，全镇驿站覆盖东庄户村、西庄户村等12个村。项目部安全总监柴宏远讲授安全知识。"
    )
    assert {"北京大兴国际机场临空经济区工会", "中国铁路一局（集团）有限公司工会"} <= of_type(
        entities, "Union"
    )
    assert {"东庄户村", "西庄户村"} <= of_type(entities, "District")
    assert "中国铁路一局" not in of_type(entities, "Organisation")  # a piece of the company's name
    assert "柴宏远" in of_type(entities, "Person")


def test_workers_named_after_their_body_are_honoured_and_a_title_for_units_is_no_honour():
    _, entities, relations = graph_of(
        "西城区命名一批“西城工匠”\n"
        "本报讯 4月27日，“西城工匠”命名大会在西城区文化馆召开。会上，北京燕山橡胶制品厂的牛晓光、"
        "北京市第八中学的闻雅琴等12人被命名为2024年度“西城工匠”，20家单位荣获“西城区模范职工之家”称号。"
    )
    assert {"牛晓光", "闻雅琴"} <= of_type(entities, "Person")
    assert {
        ("牛晓光", "hasHonour", "西城工匠"),
        ("闻雅琴", "hasHonour", "西城工匠"),
        ("牛晓光", "worksFor", "北京燕山橡胶制品厂"),
        ("闻雅琴", "worksFor", "北京市第八中学"),
    } <= relations
    assert "西城区模范职工之家" not in of_type(entities, "Honour")  # given to units
    assert "西城区文化馆" in of_type(entities, "Venue")


def test_a_name_list_joined_by_和_ends_before_a_district_body():
    _, entities, relations = graph_of(
        "签约\n"
        "本报讯 双方将在丰台区劳动人事争议仲裁院设立工会调解工作室。"
        "丰台区总工会副主席滕晓燕和区人力社保局副局长秦立伟代表双方签约。"
    )
    assert "丰台区劳动人事争议仲裁院" in of_type(entities, "Organisation")
    assert not any("滕晓燕" in name for name in of_type(entities, "Organisation"))
    assert ("滕晓燕", "holdsPost", "丰台区总工会") in relations


def test_a_town_printed_twice_is_one_place_and_organisers_listed_with_unnamed_units():
    _, entities, relations = graph_of(
        "燃气集团举办第二届职工技能比武\n"
        "本报讯 北京燃气集团第二届职工技能比武在密云区溪翁庄镇举办。"
        "本次比武由北京燃气集团工会、集团人力资源部联合主办。选手们住在位于溪翁庄镇的培训基地。"
    )
    towns = {name for name in of_type(entities, "District") if "溪翁庄" in name}
    assert len(towns) == 1  # the gazetteer's name, with the printed 溪翁庄镇 as an alias
    assert ("北京燃气集团工会", "organised", "北京燃气集团第二届职工技能比武") in relations


def test_an_exhibition_of_works_is_an_event():
    _, entities, relations = graph_of(
        "书画展开展\n本报讯 近日，延庆区总工会在延庆区文化馆举办庆祝建党周年职工书画作品展。"
    )
    assert "庆祝建党周年职工书画作品展" in of_type(entities, "Event")
    assert ("延庆区总工会", "organised", "庆祝建党周年职工书画作品展") in relations


def test_bodies_listed_as_speakers_take_part_and_do_not_host():
    _, _, relations = graph_of(
        "全市工会职工之家建设工作推进会召开\n"
        "本报讯 12月3日，全市工会职工之家建设工作推进会在北京市职工服务中心召开。\n"
        "会上，丰台区总工会、北京京东世纪贸易有限公司工会、北京饿了么科技有限公司工会作了交流发言。"
    )
    event = "全市工会职工之家建设工作推进会"
    assert {
        (body, "participatedIn", event)
        for body in ("丰台区总工会", "北京京东世纪贸易有限公司工会", "北京饿了么科技有限公司工会")
    } <= relations
    assert ("丰台区总工会", "organised", event) not in relations


def test_a_year_s_season_of_a_recurring_activity_is_an_edition_of_it():
    g, _, relations = graph_of(
        "大兴区阅读季启动\n本报讯 4月23日，大兴区2025年“悦读大兴”阅读季启动仪式在大兴区图书馆举行。"
    )
    season = next(e for e in g.entities if e.type.value == "Programme")
    assert season.name == "“悦读大兴”阅读季" and any(
        a.endswith("2025年“悦读大兴”阅读季") for a in season.aliases
    )
    launch = next(e.name for e in g.entities if e.type.value == "Event")
    assert (
        launch.endswith("2025年“悦读大兴”阅读季启动仪式")
        and (launch, "partOf", "“悦读大兴”阅读季") in relations
    )


def test_a_numbered_unit_s_union_keeps_its_number():
    _, entities, _ = graph_of(
        "标题\n北京城乡建设集团第三项目部工会举办活动。第三项目部工会相关负责人表示，活动将持续开展。"
    )
    assert "北京城乡建设集团第三项目部工会" in of_type(entities, "Union")
    assert not any(name.startswith("目部") for name in of_type(entities, "Union"))  # 三项 is not a count


def test_honours_won_after_he_leads_the_sentence_and_a_speaker_after_a_quotation():
    _, entities, relations = graph_of(
        "守护地铁安全的“医生”\n"
        "清晨五点，北京京港地铁有限公司车辆检修工程师贲立群已经来到车辆段。"
        "从业18年来，他带领团队排除故障隐患300余项，先后获得北京市劳动模范、首都劳动奖章等荣誉。\n"
        "“每一列车都要安全出库。”车晓东说。"
    )
    assert {("贲立群", "hasHonour", "北京市劳动模范"), ("贲立群", "hasHonour", "首都劳动奖章")} <= relations
    assert "车晓东" in of_type(entities, "Person")


def test_villages_a_union_department_and_a_service_station():
    _, entities, relations = graph_of(
        "工会服务站挂牌\n"
        "本报讯 平谷区峪口镇总工会在黄松峪村挂牌成立首个村级工会服务站。下一步将在韩家庄村、西营后村等村推广。"
        "全总基层工作部负责人表示，要抓好工作部署。"
    )
    assert {"黄松峪村", "西营后村"} <= of_type(
        entities, "District"
    )  # 黄: an adjective to jieba; 后 ends a name
    assert "全总基层工作部" in of_type(entities, "Organisation")
    assert not any(name.startswith(("首个", "村级")) for _, name in entities)
    assert not any(name.endswith("工作部") and "部署" in name for _, name in entities)


def test_a_title_for_units_from_the_gazetteer_is_no_honour_and_a_driver_named_于_is_a_person():
    _, entities, relations = graph_of(
        "地铁公司工会获评全国模范职工之家\n"
        "本报讯 北京京港地铁有限公司工会获评全国模范职工之家，乘务部电客车司机于振东获评全国五一劳动奖章。"
        "区总工会党组书记、常务副主席闫立平到现场指导。活动在西城区第二文化馆举行。"
    )
    assert "全国模范职工之家" not in of_type(entities, "Honour")  # conferred on a union, not a person
    assert ("于振东", "hasHonour", "全国五一劳动奖章") in relations
    assert "闫立平" in of_type(entities, "Person")
    assert "西城区第二文化馆" in of_type(entities, "Venue")  # a venue keeps its district in its name


def test_a_company_s_contest_edition_and_its_union_named_short_in_the_headline():
    g, entities, relations = graph_of(
        "热力集团工会召开第二次会员代表大会\n"
        "本报讯 北京市热力集团有限责任公司工会第二次会员代表大会召开。"
        "当天，北京市热力集团有限责任公司第四届职工技能大赛决赛举行，管网分公司的巡线工武晓峰夺得冠军。"
    )
    unions = [e for e in g.entities if e.type.value == "Union"]
    assert [u.name for u in unions] == ["北京市热力集团有限责任公司工会"] and "热力集团工会" in unions[
        0
    ].aliases
    assert "北京市热力集团有限责任公司职工技能大赛" in of_type(
        entities, "Programme"
    )  # the edition is an alias
    assert "武晓峰" in of_type(entities, "Person")


def test_a_museum_visited_after_the_event_is_a_venue_but_not_where_the_event_was_held():
    _, entities, relations = graph_of(
        "工会开放日\n本报讯 5月15日，市总工会职工服务中心开展“工会开放日”活动。"
        "活动结束后，职工们还前往首都工运历史陈列馆参观学习。"
    )
    assert "首都工运历史陈列馆" in of_type(entities, "Venue")
    assert ("“工会开放日”活动", "heldAt", "首都工运历史陈列馆") not in relations


# Rules measured on the real development set (examples/real/dev): each on an invented article.


def test_people_listed_after_a_person_found_are_people():
    _, entities, relations = graph_of(
        "丰泽区举办新春劳模座谈会\n"
        "本报讯 近日，丰泽区在区文化中心举办新春劳模座谈会，区领导孔德明、柴新宇、蒲静与劳动模范代表座谈。"
    )
    assert {"孔德明", "柴新宇", "蒲静"} <= of_type(entities, "Person")
    assert {(p, "participatedIn", "新春劳模座谈会") for p in ("孔德明", "柴新宇", "蒲静")} <= relations


def test_people_each_described_in_a_list_are_people():
    _, entities, _ = graph_of(
        "八位工匠走进校园\n"
        "本报讯 近日，八位工匠走进校园。他们是：有着“钢筋裁缝”称号的包友谊；能修百年老钟的蓝一鸣；还有青年焊工谷雨。"
    )
    assert {"包友谊", "蓝一鸣"} <= of_type(entities, "Person")


def test_an_official_before_a_verb_of_taking_part_took_part():
    _, _, relations = graph_of(
        "石岭区总工会举办职工篮球联赛\n"
        "本报讯 近日，石岭区总工会举办2025年职工篮球联赛。"
        "区总工会党组书记、主席谭守业，副主席晏秋和各参赛单位的负责人一同观看了比赛。"
    )
    assert ("谭守业", "participatedIn", "2025年职工篮球联赛") in relations


def test_the_occurrence_a_body_names_shortly_is_the_event():
    _, entities, _ = graph_of(
        "白石公园劳模雕塑落成\n"
        "本报讯 4月18日，柳岸区总工会的劳模雕塑在白石公园落成。当日，劳动模范和职工代表50余人参加了揭幕仪式。"
    )
    assert ("Event", "揭幕仪式") in entities


def test_a_headline_says_what_was_done_when_the_body_names_no_event():
    _, entities, relations = graph_of(
        "青川区总工会慰问一线环卫职工\n"
        "本报讯 近日，青川区总工会为一线环卫职工送去防暑用品200份，区总工会主席钱立新叮嘱大家注意安全。"
    )
    assert ("Event", "慰问一线环卫职工") in entities


def test_posts_with_the_kind_of_title_and_two_posts_joined_by_jian():
    g, _, relations = graph_of(
        "平谷区总工会走访企业\n"
        "本报讯 近日，平谷区总工会党组副书记、副主席邝文斌带队走访企业。"
        "北京市劳动模范、北京青禾电气有限公司党委书记兼工会主席富海生陪同。"
        "在平谷区总工会副主席米秀兰的带领下，工会干部看望了一线职工。"
    )
    posts = {(r.subject, r.object, r.title) for r in g.relations if r.predicate.value == "holdsPost"}
    assert ("邝文斌", "平谷区总工会", "党组副书记、副主席") in posts
    assert ("富海生", "北京青禾电气有限公司", "党委书记兼工会主席") in posts
    assert ("米秀兰", "平谷区总工会", "副主席") in posts
    assert ("富海生", "hasHonour", "北京市劳动模范") in relations
    assert not any(e.name.endswith("兼工会") for e in g.entities)


def test_honours_of_a_list_of_people_and_of_the_one_a_title_describes():
    _, _, relations = graph_of(
        "劳模代表座谈\n"
        "本报讯 近日，全国劳动模范岑一木、寇青、晏秋生与青年职工座谈。"
        "获得全国先进工作者荣誉称号的某区人民医院护士长缪红在会上发言。"
    )
    assert {(p, "hasHonour", "全国劳动模范") for p in ("岑一木", "寇青", "晏秋生")} <= relations
    assert ("缪红", "hasHonour", "全国先进工作者") in relations


def test_people_counted_paired_and_listed_after_a_comma():
    g, entities, _ = graph_of(
        "职工摄影作品评选揭晓\n"
        "本报讯 近日，评选揭晓，第五小学卜青山等6人荣获一等奖。"
        "区总工会副主席冼志平，温岚参加了颁奖。他们看望了困难职工裘一帆和匡立夏。"
        "街道工会主席苏颖来到驿站。"
    )
    assert {"卜青山", "冼志平", "温岚", "裘一帆", "匡立夏", "苏颖"} <= of_type(entities, "Person")
    assert "苏颖来" not in of_type(entities, "Person")


def test_name_endings_come_from_the_suffix_table():
    from ontology import gazetteers

    _, entities, _ = graph_of(
        "银行工会开展慰问\n本报讯 近日，青禾银行锦川分行工会联合柳岸街道党工委、下坡村村委会开展慰问活动。"
    )
    assert "青禾银行锦川分行" in of_type(entities, "Enterprise")
    assert {"柳岸街道党工委", "下坡村村委会"} <= of_type(entities, "Organisation")
    # the rows the extractor matches are marked in the table; a name ending it does not match is no name
    assert not next(r for r in gazetteers.suffix_rows() if r.suffix == "基地").extract


def test_a_closing_ceremony_and_a_finale_held_at_a_venue():
    _, entities, relations = graph_of(
        "石岭区职工技能大赛闭幕\n"
        "本报讯 近日，石岭区第三届职工技能大赛闭幕式在石岭区文化中心剧场举行。"
        "“匠心石岭”2025石岭区职工才艺大赛颁奖暨优秀作品展演，在石岭区工人文化宫收官。"
    )
    events = of_type(entities, "Event")
    closing = next(e for e in events if e.endswith("闭幕式"))
    assert closing.startswith("石岭区")  # the place is part of the occurrence's name
    finale = next(e for e in events if e.endswith("展演"))
    assert (finale, "heldAt", "石岭区工人文化宫") in relations
    assert any(s == closing and p == "heldAt" for s, p, _ in relations)


def test_a_quoted_programme_ends_where_the_sentence_goes_on():
    _, entities, _ = graph_of(
        "街道工会建设职工之家\n本报讯 近日，柳岸街道工会启动了“暖心护航”工程，“青禾职工之家”顺利完成建设。"
    )
    programmes = of_type(entities, "Programme")
    assert "“暖心护航”工程" in programmes
    assert not any(p.startswith("了") or p.endswith("顺利完成建设") for p in programmes)


def test_an_honour_named_with_who_confers_it_and_a_trade():
    _, entities, relations = graph_of(
        "金融职工技能大赛颁奖\n"
        "本报讯 近日，全国邮政五一劳动奖章获得者邬清明、全国造纸工业劳动模范车晓峰为获奖选手颁奖。"
    )
    assert {"全国邮政五一劳动奖章", "全国造纸工业劳动模范"} <= of_type(entities, "Honour")
    assert ("车晓峰", "hasHonour", "全国造纸工业劳动模范") in relations


def test_honours_in_a_description_before_a_name_and_of_people_listed_before_deng():
    _, _, relations = graph_of(
        "劳模健康讲座\n"
        "本报讯 讲座上，北京市劳动模范、骨科主任医师、青川医院党委书记冉秋池回答了职工的问题。"
        "首都劳动奖章获得者、青川大厦职工宋小禾提问。"
        "某建筑公司起重工郁长风，某学院工程师柏青等第三届北京大工匠分享了成长经历。"
    )
    assert ("冉秋池", "hasHonour", "北京市劳动模范") in relations
    assert ("宋小禾", "hasHonour", "首都劳动奖章") in relations
    assert {("郁长风", "hasHonour", "北京大工匠"), ("柏青", "hasHonour", "北京大工匠")} <= relations


def test_a_site_set_in_a_place_and_a_district_s_party_committee_lie_in_it():
    _, _, relations = graph_of(
        "劳模雕塑揭幕\n本报讯 近日，劳模雕塑在月坛地区的青川公园揭幕。昌平区委副书记柯远出席。"
    )
    assert ("青川公园", "locatedIn", "月坛地区") in relations
    assert ("昌平区委", "locatedIn", "昌平区") in relations


def test_who_won_a_prize_took_part():
    _, _, relations = graph_of(
        "银行业技能竞赛落幕\n"
        "本报讯 近日，2025年青川市银行业职工技能竞赛在青川市工人文化宫落幕。经过激烈角逐，"
        "青川银行荣获团体一等奖，锦川银行青川分行、柳岸农村商业银行荣获团体二等奖。"
    )
    contest = "2025年青川市银行业职工技能竞赛"
    assert {
        (b, "participatedIn", contest) for b in ("青川银行", "锦川银行青川分行", "柳岸农村商业银行")
    } <= relations


def test_commissions_by_their_short_names_are_bodies():
    _, entities, _ = graph_of(
        "国资委工会开展活动\n本报讯 近日，北京市国资委联合海淀区住建委开展职工健步走活动。"
    )
    assert {"北京市国资委", "海淀区住建委"} <= of_type(entities, "Organisation")


def test_people_after_a_trade_or_a_role_and_after_their_body():
    _, entities, _ = graph_of(
        "工匠走进校园\n"
        "本报讯 近日，雕漆大师柏长河、摄影家费青与同学们交流。来自青川区人民法院的邬小川围绕劳动法作了讲解。"
        "青禾电厂领队芦海生说道，收获很大。"
    )
    assert {"柏长河", "费青", "邬小川", "芦海生"} <= of_type(entities, "Person")


def test_a_studio_named_after_its_leading_worker_names_a_person():
    _, entities, relations = graph_of(
        "创新工作室授牌\n"
        "本报讯 会上，与会领导为青禾电气有限公司柏长河创新工作室授牌，与会人员参观了锦川公司郁清劳模创新工作室。"
    )
    assert {"柏长河", "郁清"} <= of_type(entities, "Person")
    assert not any(s in ("柏长河", "郁清") and p == "participatedIn" for s, p, _ in relations)
    assert ("柏长河", "worksFor", "青禾电气有限公司") in relations


def test_teams_courts_delegations_and_papers_are_bodies():
    _, entities, _ = graph_of(
        "志愿服务队成立\n"
        "本报讯 近日，青川区职工志愿服务队、青川区人民法院劳动法庭和锦川工人报的记者来到现场，"
        "青禾银行代表队也参加了活动。"
    )
    assert {"青川区职工志愿服务队", "青川区人民法院劳动法庭", "锦川工人报"} <= of_type(
        entities, "Organisation"
    )


def test_a_major_event_named_in_passing_is_an_event_but_not_the_report_s():
    _, entities, relations = graph_of(
        "青川区总工会为环卫职工送清凉\n"
        "本报讯 近日，青川区总工会开展夏季送清凉活动，区总工会主席钱立新出席，鼓励职工助力冬奥会、服贸会。"
    )
    assert {"冬奥会", "服贸会"} <= of_type(entities, "Event")
    assert not any(o in ("冬奥会", "服贸会") for _, _, o in relations)


def test_occurrences_listed_one_after_another_are_each_an_event():
    _, entities, _ = graph_of(
        "青川职工文化节启动\n"
        "本报讯 今年的青川职工文化节包括青川职工阅读大赛、职工书法摄影大赛、“工会杯”乒乓球比赛等12项赛事。"
    )
    assert {"青川职工阅读大赛", "职工书法摄影大赛", "“工会杯”乒乓球比赛"} <= of_type(entities, "Event")


def test_officials_listed_after_one_whose_body_is_named_hold_posts_there():
    g, _, _ = graph_of(
        "平谷区总工会慰问一线职工\n"
        "本报讯 平谷区总工会党组书记、主席柴新宇，常务副主席蒲静、副主席晏秋生一行到工地慰问。"
    )
    posts = {(r.subject, r.object, r.title) for r in g.relations if r.predicate.value == "holdsPost"}
    assert {("蒲静", "平谷区总工会", "常务副主席"), ("晏秋生", "平谷区总工会", "副主席")} <= posts


def test_the_report_s_occurrence_is_one_of_the_series_it_names():
    _, entities, relations = graph_of(
        "青川区总工会为环卫职工送清凉\n"
        "本报讯 今日，青川区总工会开展了慰问一线环卫职工活动。此次活动为青川区总工会夏季关爱职工系列活动之一。"
    )
    assert "夏季关爱职工系列活动" in of_type(entities, "Programme")
    assert ("慰问一线环卫职工活动", "partOf", "夏季关爱职工系列活动") in relations


def test_docs_list_every_component_of_the_pipeline_in_order():

    from graph.extract import PIPELINE

    doc = (REPO / "docs" / "extraction.md").read_text(encoding="utf-8")
    listed = [
        line.split("|")[2].strip()
        for line in doc.splitlines()
        if line.startswith("| ") and line.split("|")[1].strip().isdigit()
    ]
    assert listed == [name for name, _ in PIPELINE]


def test_where_a_place_holds_an_occurrence_or_the_text_describes_the_site_first():
    _, _, relations = graph_of(
        "表彰大会举行\n"
        "本报讯 近日，平谷区举办庆祝劳动节表彰会。区水务局工会在全区最大的棚改工地青禾园工地举办慰问农民工活动。"
    )
    assert ("庆祝劳动节表彰会", "heldAt", "平谷区") in relations
    assert ("慰问农民工活动", "heldAt", "青禾园工地") in relations


def test_a_firm_listed_after_another_starts_where_the_list_says():
    _, entities, _ = graph_of(
        "经开区总工会慰问企业职工\n"
        "本报讯 慰问组先后来到青禾电气有限公司、拜禾生物科技有限公司等单位，为一线职工送去慰问品。"
    )
    assert "拜禾生物科技有限公司" in of_type(entities, "Enterprise")
