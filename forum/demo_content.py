"""Demo content for Agora's first consultation: encrypted messengers and criminal investigation.

Plain data only. Citizens are pseudonymous demo accounts; positions are illustrative arguments
written for the demo and do not quote real people. Markdown strings are rendered by the forum.
"""

CONSULTATION = {
    "slug": "encrypted-messengers",
    "title": {
        "en": "Privacy and criminal investigation on encrypted messengers",
        "ko": "암호화 메신저의 프라이버시와 범죄 수사",
    },
    "framing": {
        "en": (
            "In 2020 Korea learned that a network of Telegram chat rooms had been used to produce "
            "and distribute sexual exploitation material through blackmail, and that the people "
            "running them had counted on one thing: that no investigator could reach them there. "
            "The case that became known as the Nth room case changed Korean law, and it still "
            "shapes how Koreans talk about messengers, encryption and the police.\n\n"
            "This consultation does not ask whether such crimes should be punished: everyone "
            "agrees they must be. It asks **what it is legitimate to demand of the tools that "
            "millions of people use to talk privately**. Should messenger services be obliged to "
            "cooperate with investigators at home and abroad? Should they be required to build a "
            "way to read encrypted messages? And if the state gains such powers, who should watch "
            "over how they are used?\n\n"
            "These questions are argued here because each of them is a real choice between things "
            "people rightly value: the safety of those targeted by sexual exploitation, the "
            "security of everyone's communications, and whether citizens can trust their "
            "institutions. Positions from every side are welcome, and so is changing your mind "
            "along the way."
        ),
        "ko": (
            "2020년, 텔레그램의 여러 대화방이 협박을 통해 성착취물을 만들고 유포하는 데 쓰였고, "
            "이를 운영한 이들이 '그곳까지는 수사기관의 손이 닿지 않는다'는 점을 믿고 있었다는 "
            "사실이 드러났습니다. 'n번방 사건'으로 불리게 된 이 사건은 한국의 법을 바꾸었고, "
            "지금도 메신저와 암호화, 그리고 수사를 둘러싼 우리 사회의 논의를 규정하고 있습니다.\n\n"
            "이번 공론장이 묻는 것은 이런 범죄를 처벌해야 하느냐가 아닙니다. 처벌해야 한다는 "
            "데에는 모두가 동의합니다. 질문은 **수많은 사람이 사적인 대화에 쓰는 도구에 무엇까지 "
            "요구하는 것이 정당한가**입니다. 메신저 사업자에게 국내외 수사기관에 협조할 의무를 "
            "지워야 할까요? 암호화된 메시지를 열어 볼 수 있는 장치를 만들도록 해야 할까요? 국가가 "
            "그런 권한을 갖게 된다면, 그 권한이 어떻게 쓰이는지는 누가 감시해야 할까요?\n\n"
            "이 질문들을 여기서 다루는 이유는 하나하나가 모두 소중한 가치 사이의 실제 선택이기 "
            "때문입니다. 성착취의 표적이 된 사람들의 안전, 모든 사람의 통신 보안, 그리고 시민이 "
            "제도를 믿을 수 있느냐가 함께 걸려 있습니다. 어느 쪽의 입장이든 환영하며, 논의하면서 "
            "생각을 바꾸는 것도 환영합니다."
        ),
    },
    "background": {
        "en": (
            "**The case.** Between 2018 and 2020, several groups of offenders used Telegram chat "
            "rooms to distribute sexual exploitation material obtained through blackmail, and "
            "charged others for entry. Press reports and complaints by citizens brought the case "
            "to national attention in early 2020; the main operators were arrested and received "
            "long prison sentences. Throughout, Telegram did not respond to Korean investigators' "
            "requests, and police had to rely on tracing payments, on evidence from seized devices "
            "and on information gathered by journalists and citizen monitors.\n\n"
            "**The legislative response.** In 2020 the National Assembly passed a series of "
            "amendments. Changes to the Telecommunications Business Act and to the Act on "
            "Promotion of Information and Communications Network Utilization and Information "
            'Protection, often called the "Nth room prevention law", oblige online service '
            "providers above a certain size to take technical and administrative measures against "
            "the distribution of illegally filmed material, such as filtering material that has "
            "already been identified and designating an officer responsible for preventing its "
            "distribution. Private conversations not open to the public were left outside the "
            "filtering duty, and foreign messengers such as Telegram remained largely beyond the "
            "law's practical reach. Separate amendments introduced or strengthened penalties for "
            "possessing and viewing such material and, from 2021, allowed undercover "
            "investigations into online sexual crimes against children and adolescents.\n\n"
            "**Telegram and the 2024 deepfake crisis.** In August 2024 public anger rose again "
            "when it emerged that sexual deepfakes made from ordinary photos taken from social "
            "media were being spread widely through Telegram channels and bots; many of the "
            "suspects were teenagers. The same month Telegram's founder was detained in France in "
            "an investigation that included the platform's alleged refusal to cooperate with the "
            "authorities. In September 2024 Telegram revised its terms of service and privacy "
            "policy worldwide, stating that it may disclose the IP addresses and phone numbers of "
            "users who break its rules to the relevant authorities in response to valid legal "
            "requests, and it began responding to removal requests from the Korea Communications "
            "Standards Commission. The National Assembly also made possessing or viewing sexual "
            "deepfakes a crime.\n\n"
            "**International parallels.** The same dispute runs through other democracies. In 2015 "
            "leading cryptographers argued in the report *Keys Under Doormats* that mandating "
            '"exceptional access" to encrypted data would add complexity, create valuable '
            "targets for attackers and weaken everyone's security. In 2021 Apple announced it "
            "would check photos on iPhones against known child sexual abuse material before upload "
            "to iCloud; after criticism from security researchers and civil-society groups it "
            "paused the plan and abandoned it in 2022. The European Union's proposed Child Sexual "
            'Abuse Regulation, nicknamed "chat control", would allow detection orders requiring '
            "services to scan private messages, and it has been contested since 2022. The UK's "
            "Online Safety Act 2023 gives the regulator Ofcom a power to require services to use "
            "accredited technology to find child sexual abuse content; the government said it "
            "would not use the power until this was technically feasible.\n\n"
            "**Surveillance history in Korea.** In Korea the debate also carries the memory of "
            "past abuses. The military intelligence command's surveillance of civilians was "
            "exposed in 1990, and investigations in 2018 found it had monitored bereaved families "
            "of the Sewol ferry disaster. In 2015 it emerged that the National Intelligence "
            "Service had bought commercial hacking software. And under Article 83 of the "
            "Telecommunications Business Act, investigative and intelligence agencies have "
            "obtained users' names and phone numbers from carriers without a warrant. In 2022 the "
            "Constitutional Court held that this arrangement, which never informed users, was "
            "incompatible with the Constitution, and the law was later amended to require that "
            "users be notified."
        ),
        "ko": (
            "**사건 개요.** 2018년부터 2020년까지 여러 가해자 집단이 텔레그램 대화방에서 협박으로 "
            "얻어 낸 성착취물을 유포하고, 돈을 받고 입장을 허용했습니다. 2020년 초 언론 보도와 "
            "시민들의 고발로 사건이 전국적으로 알려졌고, 주요 운영자들은 검거되어 무거운 징역형을 "
            "선고받았습니다. 이 과정 내내 텔레그램은 한국 수사기관의 요청에 응하지 않았고, 경찰은 "
            "결제 흐름 추적, 압수한 기기에서 나온 증거, 기자와 시민 감시자들이 모은 정보에 기댈 "
            "수밖에 없었습니다.\n\n"
            "**입법 대응.** 2020년 국회는 일련의 법 개정안을 통과시켰습니다. 흔히 'n번방 "
            "방지법'이라 불리는 전기통신사업법과 정보통신망 이용촉진 및 정보보호 등에 관한 법률 "
            "개정으로, 일정 규모 이상의 온라인 서비스 사업자는 불법촬영물 등의 유통을 막기 위한 "
            "기술적·관리적 조치를 해야 합니다. 이미 확인된 불법촬영물을 걸러 내는 필터링과 "
            "유통방지 책임자 지정이 대표적입니다. 일반에 공개되지 않는 사적 대화는 필터링 의무에서 "
            "빠졌고, 텔레그램 같은 해외 메신저에는 법이 사실상 미치지 못했습니다. 이와 별도로 이런 "
            "불법물의 소지·시청에 대한 처벌이 신설되거나 강화되었고, 2021년부터는 아동·청소년 대상 "
            "온라인 성범죄에 위장수사가 허용되었습니다.\n\n"
            "**텔레그램과 2024년 딥페이크 사태.** 2024년 8월, 소셜미디어에 올라온 평범한 사진으로 "
            "만든 성적 딥페이크가 텔레그램 채널과 봇을 통해 광범위하게 퍼진 사실이 드러나면서 다시 "
            "공분이 일었습니다. 피의자 가운데 상당수는 10대였습니다. 같은 달 텔레그램 창업자가 "
            "프랑스에서 체포되어 조사를 받았는데, 수사 대상에는 당국에 대한 협조 거부 혐의도 "
            "포함되어 있었습니다. 2024년 9월 텔레그램은 전 세계 이용약관과 개인정보처리방침을 "
            "고쳐, 유효한 법적 요청이 있으면 규칙을 어긴 이용자의 IP 주소와 전화번호를 관련 당국에 "
            "제공할 수 있다고 밝혔고, 방송통신심의위원회의 삭제 요청에도 응하기 시작했습니다. "
            "국회는 성적 딥페이크물을 소지하거나 시청하는 행위도 처벌하도록 법을 고쳤습니다.\n\n"
            "**해외의 논쟁.** 같은 논쟁은 다른 민주국가에서도 이어지고 있습니다. 2015년 저명한 "
            "암호학자들은 보고서 *Keys Under Doormats*에서 암호화된 데이터에 대한 '예외적 접근'을 "
            "의무화하면 시스템이 복잡해지고 공격자에게 값진 표적이 생겨 결국 모든 사람의 보안이 "
            "약해진다고 주장했습니다. 애플은 2021년 아이클라우드에 올리기 전 아이폰에서 사진을 "
            "알려진 아동 성착취물과 대조하겠다고 발표했지만, 보안 연구자와 시민단체의 비판 끝에 "
            "계획을 보류했고 2022년 철회했습니다. 유럽연합의 아동 성학대 방지 규정안은 이른바 '챗 "
            "컨트롤'로 불리며, 사업자에게 사적 메시지 검사를 명령할 수 있는 탐지 명령 제도를 담고 "
            "있어 2022년부터 논란이 이어지고 있습니다. 영국의 2023년 온라인안전법은 규제기관 "
            "오프컴(Ofcom)에 아동 성학대 콘텐츠를 찾아내는 인증 기술을 사업자에게 쓰도록 요구할 "
            "권한을 주었고, 영국 정부는 기술적으로 가능해지기 전까지는 이 권한을 쓰지 않겠다고 "
            "밝혔습니다.\n\n"
            "**한국의 감시 역사.** 한국에서 이 논쟁에는 과거 남용의 기억도 겹쳐 있습니다. 군 "
            "정보기관의 민간인 사찰은 1990년에 폭로되었고, 2018년에는 같은 기관이 세월호 참사 "
            "유가족을 사찰한 사실이 조사로 드러났습니다. 2015년에는 국가정보원이 상용 해킹 "
            "프로그램을 사들인 사실이 알려졌습니다. 또 전기통신사업법 제83조에 따라 "
            "수사·정보기관은 영장 없이 통신사로부터 이용자의 이름과 전화번호 등을 받아 왔습니다. "
            "헌법재판소는 2022년 이용자에게 이를 알리지 않는 이 제도가 헌법에 맞지 않는다고 "
            "결정했고, 이후 법이 개정되어 이용자에게 통지하도록 바뀌었습니다."
        ),
    },
    "sources": [
        {
            "title": "Nth room case (Wikipedia)",
            "url": "https://en.wikipedia.org/wiki/Nth_room_case",
        },
        {
            "title": "n번방 사건 (위키백과)",
            "url": "https://ko.wikipedia.org/wiki/N%EB%B2%88%EB%B0%A9_%EC%82%AC%EA%B1%B4",
        },
        {
            "title": (
                "Keys Under Doormats: Mandating insecurity by requiring government access to all "
                "data and communications (MIT CSAIL, 2015)"
            ),
            "url": "https://dspace.mit.edu/handle/1721.1/97690",
        },
        {
            "title": "Chat Control (Wikipedia)",
            "url": "https://en.wikipedia.org/wiki/Chat_Control",
        },
        {
            "title": "Online Safety Act 2023 (Wikipedia)",
            "url": "https://en.wikipedia.org/wiki/Online_Safety_Act_2023",
        },
        {
            "title": "Telegram Privacy Policy",
            "url": "https://telegram.org/privacy",
        },
    ],
}

TOPICS = [
    {
        "slug": "compelled-cooperation",
        "question": {
            "en": (
                "Should messenger services be required to cooperate with domestic and foreign "
                "investigators, and how far?"
            ),
            "ko": (
                "메신저 사업자에게 국내외 수사기관에 협조할 의무를 지워야 할까요? 그렇다면 "
                "어디까지일까요?"
            ),
        },
        "context": {
            "en": (
                "Investigators generally seek three kinds of data from a communications service: "
                "**subscriber information** (who holds an account), **traffic data or metadata** "
                "(who contacted whom, when, and from which IP address) and **content**. Korean "
                "carriers and domestic platforms answer court orders and, for subscriber "
                "information, administrative requests. Foreign services are reached mainly through "
                "mutual legal assistance treaties, which can take months, or through arrangements "
                "such as the executive agreements under the US CLOUD Act, which help only with "
                "providers subject to US law.\n\n"
                "Telegram, which is based outside Korea, ignored Korean requests for years and "
                "changed its policy only in 2024. The question is whether Korea should impose "
                "binding duties, such as a local representative, response deadlines, preservation "
                "orders, fines or blocking, and whether those duties should cover only subscriber "
                "data and metadata or content as well."
            ),
            "ko": (
                "수사기관이 통신 서비스에 요구하는 자료는 크게 세 가지입니다. **가입자 정보**(누가 "
                "계정을 가졌는지), **통신 기록 또는 메타데이터**(누가 누구와 언제, 어느 IP "
                "주소에서 연락했는지), 그리고 **대화 내용**입니다. 국내 통신사와 플랫폼은 법원 "
                "영장에 응하고, 가입자 정보의 경우 수사기관의 행정적 요청에도 응해 왔습니다. 해외 "
                "서비스에는 주로 형사사법공조 조약을 통해 요청하는데 몇 달씩 걸리기도 하며, 미국 "
                "CLOUD Act의 행정협정 같은 제도는 미국 법의 적용을 받는 사업자에게만 도움이 "
                "됩니다.\n\n"
                "해외에 본사를 둔 텔레그램은 수년간 한국의 요청을 무시하다가 2024년에야 정책을 "
                "바꿨습니다. 질문은 한국이 국내대리인 지정, 응답 기한, 자료 보전 명령, 과징금이나 "
                "접속 차단 같은 구속력 있는 의무를 부과해야 하는지, 그리고 그 의무가 가입자 정보와 "
                "메타데이터에 그쳐야 하는지 대화 내용까지 포함해야 하는지입니다."
            ),
        },
        "stances": [
            {
                "key": "protect-privacy",
                "label": {
                    "en": "Protect privacy",
                    "ko": "프라이버시 우선",
                },
                "description": {
                    "en": (
                        "Messengers should not be given new cooperation duties: existing "
                        "warrant-based law is enough, and broader duties put every user at risk."
                    ),
                    "ko": (
                        "메신저에 새로운 협조 의무를 지워서는 안 된다. 영장에 기반한 현행 법으로 "
                        "충분하며, 의무를 넓히면 모든 이용자가 위험해진다."
                    ),
                },
            },
            {
                "key": "warrant-based",
                "label": {
                    "en": "Cooperate on a warrant",
                    "ko": "영장에 따른 협조",
                },
                "description": {
                    "en": (
                        "Services should be legally required to answer court orders for subscriber "
                        "data and metadata promptly, but content should stay outside the duty."
                    ),
                    "ko": (
                        "사업자는 가입자 정보와 메타데이터에 대한 법원의 영장에 신속히 응할 법적 "
                        "의무를 져야 하지만, 대화 내용은 그 의무 밖에 두어야 한다."
                    ),
                },
            },
            {
                "key": "strict-duty",
                "label": {
                    "en": "Binding duty with sanctions",
                    "ko": "제재가 따르는 협조 의무",
                },
                "description": {
                    "en": (
                        "Any service with many Korean users should have a local representative and "
                        "a binding duty to cooperate with investigations, backed by heavy fines "
                        "and, as a last resort, blocking."
                    ),
                    "ko": (
                        "한국 이용자가 많은 서비스라면 국내대리인을 두고 수사에 협조할 구속력 있는 "
                        "의무를 져야 하며, 이를 무거운 과징금과 최후 수단으로서의 차단으로 "
                        "뒷받침해야 한다."
                    ),
                },
            },
            {
                "key": "treaty-route",
                "label": {
                    "en": "Through international agreements",
                    "ko": "국제 공조로 해결",
                },
                "description": {
                    "en": (
                        "Cross-border cooperation should be secured through treaties and "
                        "reciprocal agreements with human-rights safeguards rather than through "
                        "unilateral domestic mandates."
                    ),
                    "ko": (
                        "국경을 넘는 협조는 일방적인 국내법상 의무보다 인권 보호 장치를 갖춘 "
                        "조약과 상호 협정을 통해 확보해야 한다."
                    ),
                },
            },
        ],
        "sources": [
            {
                "title": "CLOUD Act (Wikipedia)",
                "url": "https://en.wikipedia.org/wiki/CLOUD_Act",
            },
            {
                "title": "Mutual legal assistance treaty (Wikipedia)",
                "url": "https://en.wikipedia.org/wiki/Mutual_legal_assistance_treaty",
            },
            {
                "title": "전기통신사업법 (국가법령정보센터)",
                "url": (
                    "https://www.law.go.kr/%EB%B2%95%EB%A0%B9/%EC%A0%84%EA%B8%B0%ED%86%B5%EC%8B%A0"
                    "%EC%82%AC%EC%97%85%EB%B2%95"
                ),
            },
        ],
    },
    {
        "slug": "lawful-decryption",
        "question": {
            "en": (
                "Should a lawful decryption capability (exceptional access) be built into "
                "encrypted messengers?"
            ),
            "ko": "암호화 메신저에 합법적 복호화 장치(예외적 접근)를 갖추도록 해야 할까요?",
        },
        "context": {
            "en": (
                "End-to-end encryption means that only the people in a conversation hold the keys: "
                'the provider cannot read the messages even when ordered to. "Exceptional '
                'access" covers proposals to change that, such as key escrow, silently adding a '
                "participant to a targeted chat, or **client-side scanning**, which checks content "
                "on the device before it is encrypted. Supporters argue that a warrant means "
                "little if the evidence can never be read. Critics, including the authors of *Keys "
                "Under Doormats*, argue that no such mechanism can be confined to lawful use and "
                "that it weakens security for everyone.\n\n"
                "Not every messenger encrypts everything end to end. Telegram's ordinary chats, "
                "groups and channels are stored on its servers and encrypted only between the user "
                'and Telegram; end-to-end encryption applies only to one-to-one "secret chats". '
                "The question therefore concerns both what is technically possible and what the "
                "law should require."
            ),
            "ko": (
                "종단간 암호화란 대화 참여자만 열쇠를 갖는다는 뜻입니다. 사업자는 명령을 받더라도 "
                "메시지를 읽을 수 없습니다. '예외적 접근'은 이를 바꾸려는 여러 제안을 가리킵니다. "
                "열쇠를 제3자에게 맡겨 두는 키 에스크로, 특정 대화에 수사기관을 몰래 참여시키는 "
                "방식, 그리고 암호화하기 전에 기기에서 내용을 검사하는 **클라이언트 측 스캐닝** "
                "등입니다. 찬성하는 쪽은 증거를 끝내 읽을 수 없다면 영장은 의미가 없다고 말합니다. "
                "*Keys Under Doormats*의 저자들을 비롯한 비판자들은 이런 장치를 합법적 용도로만 "
                "묶어 둘 방법은 없으며 결국 모든 사람의 보안이 약해진다고 말합니다.\n\n"
                "모든 메신저가 모든 대화를 종단간 암호화하는 것은 아닙니다. 텔레그램의 일반 대화, "
                "그룹, 채널은 서버에 저장되며 이용자와 텔레그램 사이에서만 암호화됩니다. 종단간 "
                "암호화는 1:1 '비밀 대화'에만 적용됩니다. 따라서 이 질문은 기술적으로 무엇이 "
                "가능한지와 법이 무엇을 요구해야 하는지를 함께 묻습니다."
            ),
        },
        "stances": [
            {
                "key": "no-backdoor",
                "label": {
                    "en": "No exceptional access",
                    "ko": "예외적 접근 반대",
                },
                "description": {
                    "en": (
                        "No decryption, escrow or scanning capability should be mandated, because "
                        "any such mechanism weakens security for all users and will eventually be "
                        "abused or breached."
                    ),
                    "ko": (
                        "복호화, 키 위탁, 스캐닝 어떤 장치도 의무화해서는 안 된다. 그런 장치는 "
                        "모든 이용자의 보안을 약하게 하고 결국 남용되거나 뚫린다."
                    ),
                },
            },
            {
                "key": "targeted-alternatives",
                "label": {
                    "en": "Targeted alternatives",
                    "ko": "표적 수사 수단 강화",
                },
                "description": {
                    "en": (
                        "Instead of weakening encryption, investigators should get better targeted "
                        "tools, such as device forensics, metadata, undercover work and payment "
                        "tracing, under strict warrants."
                    ),
                    "ko": (
                        "암호화를 약하게 하는 대신 기기 포렌식, 메타데이터, 위장수사, 결제 추적 "
                        "같은 표적 수사 수단을 엄격한 영장 통제 아래 강화해야 한다."
                    ),
                },
            },
            {
                "key": "known-material-scanning",
                "label": {
                    "en": "Detect known material only",
                    "ko": "알려진 불법물만 탐지",
                },
                "description": {
                    "en": (
                        "No one should hold keys to read messages, but services should detect and "
                        "block already-identified illegal material using hash matching with human "
                        "review."
                    ),
                    "ko": (
                        "누구도 메시지를 읽을 열쇠를 가져서는 안 되지만, 사업자는 해시 대조와 "
                        "사람의 검토를 거쳐 이미 확인된 불법물을 탐지하고 차단해야 한다."
                    ),
                },
            },
            {
                "key": "exceptional-access",
                "label": {
                    "en": "Build lawful access",
                    "ko": "합법적 접근 장치 도입",
                },
                "description": {
                    "en": (
                        "For the most serious crimes, providers should be required to give "
                        "court-authorised access to a named suspect's communications, under strict "
                        "technical and legal safeguards."
                    ),
                    "ko": (
                        "가장 중대한 범죄에 한해, 사업자는 엄격한 기술적·법적 안전장치 아래 법원이 "
                        "허가한 특정 피의자의 통신에 접근할 수 있게 해야 한다."
                    ),
                },
            },
        ],
        "sources": [
            {
                "title": "Keys Under Doormats (MIT CSAIL technical report, 2015)",
                "url": "https://dspace.mit.edu/handle/1721.1/97690",
            },
            {
                "title": "Crypto Wars (Wikipedia)",
                "url": "https://en.wikipedia.org/wiki/Crypto_Wars",
            },
            {
                "title": "Clipper chip (Wikipedia)",
                "url": "https://en.wikipedia.org/wiki/Clipper_chip",
            },
        ],
    },
    {
        "slug": "oversight",
        "question": {
            "en": (
                "Who should oversee investigative powers over private communications: the "
                "legislature, the courts, civic groups?"
            ),
            "ko": (
                "사적 통신에 대한 수사 권한은 누가 감독해야 할까요? 국회, 법원, 아니면 "
                "시민사회일까요?"
            ),
        },
        "context": {
            "en": (
                "In Korea, intercepting the content of communications and obtaining traffic data "
                "require court permission under the Protection of Communications Secrets Act, "
                "while subscriber information has been handed to agencies on administrative "
                "request. The National Assembly's Intelligence Committee oversees the National "
                "Intelligence Service, but its meetings are closed by default. Other democracies "
                "have added further layers: under the UK's Investigatory Powers Act 2016, certain "
                "warrants must be approved both by a minister and by an independent Judicial "
                "Commissioner, and many providers publish transparency reports.\n\n"
                "Any new power discussed in the other two topics would need a watchdog. The "
                "question is who should hold that role, how much they should be able to see, and "
                "how to keep oversight from either rubber-stamping requests or paralysing urgent "
                "investigations."
            ),
            "ko": (
                "한국에서는 통신비밀보호법에 따라 통신 내용을 감청하거나 통신사실 확인자료를 "
                "받으려면 법원의 허가가 필요하지만, 가입자 정보는 수사기관의 행정적 요청만으로 "
                "제공되어 왔습니다. 국회 정보위원회가 국가정보원을 감독하지만 회의는 원칙적으로 "
                "비공개입니다. 다른 민주국가들은 감독 장치를 더 두기도 합니다. 영국의 2016년 "
                "조사권한법(Investigatory Powers Act)은 일부 영장에 대해 장관과 독립적인 "
                "사법위원(Judicial Commissioner)의 승인을 모두 받도록 하며, 많은 사업자가 투명성 "
                "보고서를 발표합니다.\n\n"
                "다른 두 주제에서 논의하는 새 권한이 생긴다면 이를 감시할 주체가 필요합니다. "
                "질문은 누가 그 역할을 맡아야 하는지, 얼마나 많은 것을 들여다볼 수 있어야 하는지, "
                "그리고 감독이 요청을 기계적으로 승인하는 절차가 되거나 반대로 긴급한 수사를 "
                "마비시키지 않게 하려면 어떻게 해야 하는지입니다."
            ),
        },
        "stances": [
            {
                "key": "courts",
                "label": {
                    "en": "Stronger courts",
                    "ko": "법원 통제 강화",
                },
                "description": {
                    "en": (
                        "Judges should remain the gatekeepers, with specialised warrant judges, a "
                        "public advocate to challenge requests, and mandatory notice to the people "
                        "affected."
                    ),
                    "ko": (
                        "판사가 계속 관문 역할을 맡되, 전담 영장판사와 요청에 반론을 제기하는 공익 "
                        "대리인을 두고 당사자에게 반드시 통지하게 해야 한다."
                    ),
                },
            },
            {
                "key": "legislature",
                "label": {
                    "en": "Legislative control",
                    "ko": "국회 통제",
                },
                "description": {
                    "en": (
                        "The National Assembly should define these powers narrowly in statute, "
                        "with sunset clauses, regular reporting and security-cleared staff on the "
                        "Intelligence Committee."
                    ),
                    "ko": (
                        "국회가 이런 권한을 법률로 좁게 정하고, 일몰 조항과 정기 보고, 보안 인가를 "
                        "받은 정보위원회 전문 인력을 두어야 한다."
                    ),
                },
            },
            {
                "key": "independent-body",
                "label": {
                    "en": "Independent body with civil society",
                    "ko": "시민사회가 참여하는 독립 기구",
                },
                "description": {
                    "en": (
                        "An independent oversight body including technologists and civic groups "
                        "should audit how these powers are used and publish regular reports."
                    ),
                    "ko": (
                        "기술 전문가와 시민단체가 참여하는 독립 감독 기구가 권한 행사를 감사하고 "
                        "정기적으로 보고서를 공개해야 한다."
                    ),
                },
            },
            {
                "key": "streamlined",
                "label": {
                    "en": "Keep oversight lean",
                    "ko": "신속성을 지키는 간결한 감독",
                },
                "description": {
                    "en": (
                        "The existing warrant requirement is enough; extra layers of prior "
                        "approval would slow urgent investigations, so further oversight should "
                        "happen after the fact."
                    ),
                    "ko": (
                        "현행 영장 요건으로 충분하다. 사전 승인 단계를 더하면 긴급한 수사가 "
                        "늦어지므로, 추가 감독은 사후에 이루어져야 한다."
                    ),
                },
            },
        ],
        "sources": [
            {
                "title": "통신비밀보호법 (국가법령정보센터)",
                "url": (
                    "https://www.law.go.kr/%EB%B2%95%EB%A0%B9/%ED%86%B5%EC%8B%A0%EB%B9%84%EB%B0%80"
                    "%EB%B3%B4%ED%98%B8%EB%B2%95"
                ),
            },
            {
                "title": "Investigatory Powers Act 2016 (Wikipedia)",
                "url": "https://en.wikipedia.org/wiki/Investigatory_Powers_Act_2016",
            },
            {
                "title": "National Intelligence Service (South Korea) (Wikipedia)",
                "url": "https://en.wikipedia.org/wiki/National_Intelligence_Service_(South_Korea)",
            },
        ],
    },
]

CITIZENS = [
    {
        "pseudonym": "바다소리",
        "email": "citizen01@agora.example",
    },
    {
        "pseudonym": "quietkey",
        "email": "citizen02@agora.example",
    },
    {
        "pseudonym": "새벽감자",
        "email": "citizen03@agora.example",
    },
    {
        "pseudonym": "nightbus",
        "email": "citizen04@agora.example",
    },
    {
        "pseudonym": "느린우체통",
        "email": "citizen05@agora.example",
    },
    {
        "pseudonym": "blueheron",
        "email": "citizen06@agora.example",
    },
    {
        "pseudonym": "한강산책",
        "email": "citizen07@agora.example",
    },
    {
        "pseudonym": "stonebridge",
        "email": "citizen08@agora.example",
    },
    {
        "pseudonym": "돌담길",
        "email": "citizen09@agora.example",
    },
    {
        "pseudonym": "parity_bit",
        "email": "citizen10@agora.example",
    },
    {
        "pseudonym": "회색고양이",
        "email": "citizen11@agora.example",
    },
    {
        "pseudonym": "oldlibrarian",
        "email": "citizen12@agora.example",
    },
    {
        "pseudonym": "tidepool",
        "email": "citizen13@agora.example",
    },
    {
        "pseudonym": "늦은오후",
        "email": "citizen14@agora.example",
    },
    {
        "pseudonym": "별빛서재",
        "email": "citizen15@agora.example",
    },
]

POSITIONS = [
    {
        "topic": "compelled-cooperation",
        "author": "바다소리",
        "stance": "strict-duty",
        "claim": (
            "한국 이용자를 상대로 서비스하는 메신저라면 국내 수사와 삭제 요청에 응할 법적 의무를 "
            "져야 한다. 응답 기한과 제재가 없으면 피해는 계속 퍼진다."
        ),
        "body": (
            "디지털 성범죄 피해 지원 일을 하면서 가장 답답했던 건 수사가 느리다는 것보다 **아무 "
            "응답이 없다는 것**이었습니다. 삭제 요청을 보내도, 수사기관이 자료를 요청해도 "
            "텔레그램은 몇 년 동안 답하지 않았습니다. 가해자들이 텔레그램을 고른 이유도 바로 "
            "그것이었습니다. '여기서는 안 잡힌다'는 믿음이요.\n\n"
            "2024년 텔레그램이 정책을 바꾼 건 다행이지만, 회사의 선의에 기대는 구조는 언제든 "
            "되돌아갈 수 있습니다. 그래서 법으로 정해야 한다고 생각합니다.\n\n"
            "- 국내 이용자가 일정 규모 이상인 서비스는 **국내대리인**을 지정하고, 수사 협조와 삭제 "
            "요청 창구를 의무적으로 운영\n"
            "- 불법촬영물·성착취물 삭제 요청에는 정해진 시간 안에 응답\n"
            "- 반복해서 불응하면 매출에 비례한 과징금, 최후 수단으로 국내 서비스 제한\n\n"
            "대화 내용을 들여다보자는 게 아닙니다. 공개 채널과 대규모 대화방에서 벌어지는 유포를 "
            "막고, 가입자 정보 같은 최소한의 자료를 영장에 따라 받을 수 있게 하자는 것입니다. "
            "피해를 입은 사람에게는 하루하루가 다릅니다. 답을 할지 말지를 회사가 고르게 두어서는 "
            "안 됩니다."
        ),
        "language": "ko",
        "earlier": [
            {
                "stance": "strict-duty",
                "claim": "텔레그램 같은 해외 메신저도 한국 법을 따르게 해야 한다.",
                "body": (
                    "n번방 사건 때 텔레그램은 한국 수사기관의 요청에 제대로 응한 적이 없습니다. "
                    "가해자들이 텔레그램을 고른 이유도 '여기서는 안 잡힌다'는 믿음 "
                    "때문이었습니다.\n\n"
                    "수많은 한국 이용자를 상대로 서비스하는 회사라면 한국 법을 따라야 합니다. "
                    "따르지 않는다면 서비스를 막는 것까지 검토해야 합니다. 피해 지원 현장에서 보면 "
                    "지금 상황은 너무 느리고 너무 무력합니다. 삭제 요청을 보내 놓고 기다리는 것 "
                    "말고는 할 수 있는 게 없습니다. 국내 사업자에게는 이미 여러 의무가 있는데, "
                    "정작 범죄가 일어난 곳에는 아무 의무가 없다는 게 말이 되지 않습니다."
                ),
            },
        ],
    },
    {
        "topic": "compelled-cooperation",
        "author": "quietkey",
        "stance": "protect-privacy",
        "claim": (
            "Don't write a new cooperation mandate for all messengers. Enforce existing law "
            "against public distribution; a mandate built for Telegram will land on everyone else."
        ),
        "body": (
            "The Nth room rooms were not hidden inside end-to-end encrypted chats. They were "
            "groups and channels that were promoted on other platforms and joined by large numbers "
            "of people. That is public distribution: Korean law already criminalises it and "
            "already lets courts order a service to hand over what it holds.\n\n"
            'The problem in 2020 was one company that ignored everybody. Writing a general "duty '
            'to cooperate" for every messenger because of that company has costs, and they fall '
            "on the services that *do* follow the law and on their users:\n\n"
            "1. Every duty to retain or hand over data creates a database that can leak or be "
            "misused, and Korea has a long record of warrantless subscriber-data requests.\n"
            "2. Rules like this get copied. When Russia demanded Telegram's encryption keys and "
            "then, in 2018, tried to block the service, it presented the demand as routine "
            "compliance with anti-terrorism law.\n"
            "3. Determined offenders move to self-hosted or open-source tools that no Korean "
            "statute can reach, which leaves only ordinary users under the new regime.\n\n"
            "I would rather see the effort go into investigators, into undercover work in public "
            "channels, and into diplomatic pressure on the countries where non-cooperating "
            "services are based. Mandates should be the last tool, not the first."
        ),
        "language": "en",
    },
    {
        "topic": "compelled-cooperation",
        "author": "새벽감자",
        "stance": "warrant-based",
        "claim": (
            "영장에 따른 가입자 정보·접속 기록 제공은 법적 의무로 정하되, 대화 내용 제공과 감청은 "
            "협조 의무에서 분명히 빼야 한다."
        ),
        "body": (
            "텔레그램이 2024년 약관을 바꿔 '유효한 법적 요청'이 있으면 IP 주소와 전화번호를 제공할 "
            "수 있다고 밝힌 건, 이 정도 협조는 암호화를 내세우는 서비스도 충분히 할 수 있다는 "
            "뜻입니다. 문제는 그게 회사 정책일 뿐이라는 점입니다. 정책은 내일 또 바뀔 수 "
            "있습니다.\n\n"
            "그래서 범위는 좁게, 대신 분명하게 법에 쓰자고 제안합니다.\n\n"
            "- **법원 영장**이 있으면 가입자 정보와 접속 기록(IP, 접속 시각)을 정해진 기한 안에 "
            "제공\n"
            "- 증거가 사라지지 않도록 **보전 요청**에는 즉시 응하고, 실제 제공은 영장이 나온 뒤에\n"
            "- 대화 내용 제공이나 감청 설비 구축은 의무에 넣지 않음\n\n"
            "2014년 검찰이 '사이버 허위사실 유포' 엄정 대응을 발표한 뒤 많은 사람이 카카오톡을 "
            "떠나 텔레그램으로 '사이버 망명'을 갔던 일을 기억합니다. 아이러니하게도 그때 사람들이 "
            "옮겨 간 곳이 나중에 n번방의 무대가 됐습니다. 협조 의무가 과도하면 이용자는 더 "
            "수사하기 어려운 곳으로 옮겨 갑니다. 범위가 좁고 예측 가능해야 사업자도 따르고 "
            "이용자도 남습니다."
        ),
        "language": "ko",
    },
    {
        "topic": "compelled-cooperation",
        "author": "nightbus",
        "stance": "strict-duty",
        "claim": (
            "A foreign messenger serving millions of Koreans should face real deadlines and real "
            "fines. Evidence in online exploitation cases disappears in days; treaty requests take "
            "months."
        ),
        "body": (
            "People who have never followed a cybercrime case closely tend to underestimate how "
            "fast evidence evaporates. Rooms are deleted and re-created under new names, accounts "
            "are abandoned, and whatever logs a provider keeps are overwritten. A mutual legal "
            "assistance request travels from the police to the prosecutors, to the Ministry of "
            "Justice, to a foreign central authority, to a foreign court and finally to the "
            "company. That routinely takes many months. By then the trail is cold and the material "
            "has been copied elsewhere.\n\n"
            "During the Nth room investigation Korean police could not obtain even basic "
            "subscriber information from Telegram. The main operators were caught through payment "
            "tracing and painstaking work, and many participants were never identified.\n\n"
            "So I support a binding regime for any service above a threshold of Korean users:\n\n"
            "- a designated local representative who can be served with legal process;\n"
            "- **preservation within 24 hours** of a request, and disclosure of subscriber data "
            "and logs within a fixed period once a court order is served;\n"
            "- fines scaled to global revenue for systematic non-compliance, and removal from "
            "Korean app stores as a last resort.\n\n"
            "This is not about reading anyone's messages. It is about making sure a Korean court "
            "order means something."
        ),
        "language": "en",
    },
    {
        "topic": "compelled-cooperation",
        "author": "느린우체통",
        "stance": "treaty-route",
        "claim": (
            "두바이에 본사를 둔 회사를 한국 법만으로 움직이긴 어렵다. 국제 공조를 넓히고, 인권 "
            "기준을 갖춘 나라끼리 서로 직접 요청할 수 있는 길을 열자."
        ),
        "body": (
            "국내법으로 협조 의무를 정하는 건 쉽습니다. 어려운 건 집행입니다. 국내에 법인도, "
            "서버도, 임원도 없는 회사에 과징금을 매겨도 받아 낼 방법이 마땅치 않습니다. 접속을 "
            "차단하면 VPN으로 우회하는 사람만 남고, 수사는 오히려 더 어려워집니다.\n\n"
            "2024년 텔레그램의 태도가 바뀐 계기도 한국 법이 아니었습니다. 프랑스의 수사와 여러 "
            "나라의 동시다발적 압박이었습니다. 이 경험이 보여 주는 건 **여러 나라가 함께 움직일 "
            "때** 글로벌 플랫폼이 반응한다는 사실입니다.\n\n"
            "그래서 저는 이렇게 가자고 봅니다.\n\n"
            "1. 사이버범죄에 관한 국제 협력 체계에 적극 참여하고, 형사사법공조 절차를 디지털 "
            "증거에 맞게 빠르게 고치기\n"
            "2. 미국 [CLOUD Act](https://en.wikipedia.org/wiki/CLOUD_Act)의 행정협정처럼, 인권과 "
            "법치 기준을 충족하는 나라끼리 상대국 사업자에게 직접 요청할 수 있는 상호 협정 "
            "추진하기\n"
            "3. 아동 성착취처럼 국제적 합의가 뚜렷한 범죄부터 우선 적용하기\n\n"
            "일방적인 국내 의무는 상징적 효과는 있어도, 실제로 증거를 손에 넣게 해 주는 건 결국 "
            "공조입니다."
        ),
        "language": "ko",
    },
    {
        "topic": "compelled-cooperation",
        "author": "blueheron",
        "stance": "warrant-based",
        "claim": (
            "Yes to compelled cooperation, but only on a judge's order and with notice to the user "
            "afterwards, and the same rule must bind Kakao and Naver, not just Telegram."
        ),
        "body": (
            "As a reporter I depend on sources trusting that their phone numbers and chat logs "
            'will not end up on an investigator\'s desk. So I am wary of "cooperation" in the '
            "Korean sense, which for years meant carriers handing over subscribers' names, "
            "resident registration numbers and addresses on a simple administrative request, "
            "millions of times a year, without a judge ever looking and without the person ever "
            "being told. In 2021 journalists and opposition politicians found out that their "
            "details had been pulled this way, and the Constitutional Court later held that the "
            "lack of notice was unconstitutional.\n\n"
            "Still, I do not find it credible to say that Telegram owes Korea nothing. "
            "Exploitation rooms operated openly because the operators knew that no request would "
            "ever be answered. The fix should be a rule I could live with as a journalist:\n\n"
            "- disclosure of subscriber data or logs only under a **court order** naming a "
            "specific account and offence;\n"
            "- notice to the user once the investigation allows, with narrow, time-limited "
            "exceptions;\n"
            "- the same rule for domestic and foreign services, so that demands on Telegram do not "
            "become a pretext for loosening standards at home;\n"
            "- published statistics from both agencies and providers.\n\n"
            "Cooperation built on warrants is cooperation people can trust."
        ),
        "language": "en",
    },
    {
        "topic": "compelled-cooperation",
        "author": "한강산책",
        "stance": "protect-privacy",
        "claim": (
            "스토킹·가정폭력 피해자에게 보안 메신저는 생존 도구다. 협조 의무를 넓히면 가해자가 "
            "악용할 수 있는 통로도 함께 넓어진다."
        ),
        "body": (
            "가정폭력·스토킹 피해자를 돕는 단체에서 자원활동을 하고 있습니다. 상담을 하다 보면 "
            "피해자들이 가장 먼저 묻는 게 '어떤 메신저를 써야 안전하냐'입니다. 가해자가 휴대폰을 "
            "뒤지고, 주변 사람을 통해 연락처와 위치를 캐내는 일이 실제로 일어나기 때문입니다.\n\n"
            "n번방 같은 범죄를 막아야 한다는 데 반대할 사람은 없습니다. 그런데 '메신저는 "
            "수사기관에 적극 협조해야 한다'는 원칙이 커질수록, 자료를 요청하고 보관하고 넘겨주는 "
            "과정에 손이 닿는 사람도 늘어납니다. 공공기관 내부자가 개인정보를 무단으로 조회해 넘긴 "
            "사건은 이미 여러 번 있었습니다.\n\n"
            "- 협조 의무를 새로 만들기보다 이미 있는 영장 절차 안에서 처리할 것\n"
            "- 가입자 정보를 제공했다면 그 사실을 이용자에게 반드시 알릴 것\n"
            "- 사업자가 필요 이상의 기록을 남기지 않도록 할 것\n\n"
            "성범죄 피해자를 보호하자는 말로 다른 피해자의 안전을 깎아 내지 않았으면 합니다. "
            "보안은 모두에게 필요하지만, 가장 약한 사람에게 가장 절실합니다."
        ),
        "language": "ko",
    },
    {
        "topic": "compelled-cooperation",
        "author": "stonebridge",
        "stance": "treaty-route",
        "claim": (
            "Whatever Korea demands of Telegram, other governments will demand of Kakao, Naver and "
            "LINE. Build cooperation on reciprocal agreements with human-rights conditions."
        ),
        "body": (
            "Korean companies run messengers used far beyond Korea. LINE, developed by Naver's "
            "Japanese affiliate, is a leading platform in Japan, Taiwan and Thailand, and "
            "KakaoTalk follows Koreans wherever they live. If Korea establishes that any country "
            "may compel a foreign messenger to hand over user data on its own terms, under threat "
            "of blocking, it will have little standing when a government with a very different "
            'idea of "crime" makes the same demand of a Korean company.\n\n'
            "That does not mean doing nothing. It means choosing the route that scales *with* "
            "safeguards:\n\n"
            "- Modernise mutual legal assistance, with dedicated fast-track channels for child "
            "sexual exploitation cases.\n"
            "- Seek a [CLOUD Act](https://en.wikipedia.org/wiki/CLOUD_Act)-style agreement with "
            "the United States and similar deals with other democracies. Such agreements only work "
            "between countries that meet rule-of-law standards, which is exactly the point.\n"
            "- Make dual criminality, specificity and prior judicial authorisation the conditions "
            "for every direct request.\n\n"
            "The Nth room case showed the cost of a company that answered nobody. The answer is a "
            "network of lawful, reciprocal channels that no company can credibly ignore, not a "
            "Korean precedent that authoritarian governments will be glad to cite."
        ),
        "language": "en",
    },
    {
        "topic": "compelled-cooperation",
        "author": "돌담길",
        "stance": "strict-duty",
        "claim": (
            "'n번방 방지법'은 정작 텔레그램은 건드리지 못하고 국내 사업자만 묶었다. 해외 "
            "사업자에게도 같은 의무를 지우고, 앱 마켓을 통해서라도 실제로 집행해야 한다."
        ),
        "body": (
            "2020년 법 개정 이후 불법촬영물 필터링과 유통방지 책임자 지정 의무를 진 건 주로 국내 "
            "대형 플랫폼이었습니다. 정작 사건의 무대였던 텔레그램은 국내 법인이 없다는 이유로 "
            "사실상 법 밖에 남았습니다. 규제 부담은 성실한 국내 사업자가 지고, 범죄는 규제가 닿지 "
            "않는 곳으로 옮겨 가는 구조입니다. 역차별이자 실패한 규제입니다.\n\n"
            "해법은 집행 수단을 현실에 맞게 바꾸는 것이라고 봅니다.\n\n"
            "- 국내 이용자 수가 기준을 넘는 해외 메신저에도 **국내대리인 지정과 수사 협조 창구 "
            "운영**을 의무화\n"
            "- 따르지 않으면 전 세계 매출에 연동한 과징금 부과\n"
            "- 과징금을 받아 낼 수 없다면 애플·구글 앱 마켓에 국내 유통 중단을 요청할 수 있는 근거 "
            "마련\n\n"
            "유럽연합의 디지털서비스법(DSA)도 역외 사업자에게 법적 대리인을 두게 하고, 전 세계 "
            "매출을 기준으로 과징금을 매깁니다. 한국만 유별나게 과격한 요구를 하는 게 아닙니다. "
            "법이 있는데 지키게 할 방법이 없다면, 그건 법이 아니라 선언일 뿐입니다."
        ),
        "language": "ko",
    },
    {
        "topic": "compelled-cooperation",
        "author": "parity_bit",
        "stance": "warrant-based",
        "claim": (
            "Compel fast preservation and court-ordered disclosure of subscriber data and logs, "
            "and keep content out. But stop treating metadata as harmless: it needs the same "
            "warrant standard."
        ),
        "body": (
            "I started out opposing any new duty, on the grounds that courts can already order "
            "disclosure. Looking more closely at how the 2020 and 2024 cases actually unfolded "
            "changed my mind on one point: the bottleneck was not encryption. It was a provider "
            "that would not answer even for data it plainly held, such as registration details and "
            "IP addresses. Telegram's own [privacy policy](https://telegram.org/privacy) now says "
            "it may disclose IP addresses and phone numbers on valid legal requests. If that can "
            "be done voluntarily, it can be required.\n\n"
            "Where I have *not* moved is on the idea that metadata is a cheap, low-privacy "
            "category. Who talks to whom, when and from where reveals sources, relationships, "
            "clinic visits and political affiliations. So:\n\n"
            "- **Preservation** on request, fast, because freezing data costs nothing in privacy "
            "until it is disclosed.\n"
            "- **Disclosure** of subscriber data *and* traffic logs only on a court order tied to "
            "a specific account.\n"
            "- **Content** outside the duty entirely, with no obligation to redesign encryption.\n"
            '- Retention limits written into law, so that "cooperation" does not quietly turn '
            "into bulk data retention.\n\n"
            "That is a duty a privacy-respecting service can meet without changing what it is."
        ),
        "language": "en",
        "earlier": [
            {
                "stance": "protect-privacy",
                "claim": (
                    "No new cooperation duties for messengers. Courts can already order "
                    "disclosure; the problem is enforcement against one company, not the law."
                ),
                "body": (
                    "Korean courts can already order a service to disclose what it holds, and "
                    "domestic providers comply. The failure in the Nth room case was one foreign "
                    'company ignoring those orders. A new statutory "duty to cooperate" would '
                    "mostly burden companies that already comply, and it would normalise the idea "
                    "that messengers are an extension of the investigative apparatus.\n\n"
                    "Metadata in particular is not harmless: who talks to whom, when and from "
                    "where reveals sources, relationships and affiliations. I would rather see "
                    "enforcement aimed at the specific service that refuses valid orders than a "
                    "general mandate on every messenger used in Korea."
                ),
            },
        ],
    },
    {
        "topic": "lawful-decryption",
        "author": "회색고양이",
        "stance": "no-backdoor",
        "claim": (
            "수사기관만 쓸 수 있는 뒷문은 없다. 예외적 접근 장치는 결국 해커와 적대 국가에게 가장 "
            "값진 표적이 된다."
        ),
        "body": (
            "보안 엔지니어로 일하면서 배운 건 단순합니다. **열쇠가 있으면 언젠가는 다른 사람 "
            "손에도 들어간다**는 것입니다.\n\n"
            "예외적 접근을 만들려면 어딘가에 복호화 키를 모아 두거나, 특정 대화에 몰래 참여하는 "
            "기능을 넣거나, 암호화하기 전에 기기에서 내용을 검사해야 합니다. 어느 방식이든 "
            "시스템은 더 복잡해지고, 그 장치 자체가 공격 대상이 됩니다.\n\n"
            "실제 사례도 있습니다. 2000년대 중반 그리스에서는 이동통신사의 합법 감청 기능이 "
            "악용되어 총리를 비롯한 고위 인사들의 휴대전화가 도청됐습니다. 2024년에는 미국 "
            "통신사들의 감청 대응 시스템까지 외국 정부와 연계된 해커들에게 뚫렸다는 보도가 "
            "이어졌습니다. 법 집행을 위해 만든 문이 그대로 침입 경로가 된 것입니다.\n\n"
            "2015년 세계적인 암호학자들이 쓴 보고서 [Keys Under "
            "Doormats](https://dspace.mit.edu/handle/1721.1/97690)가 지적한 것도 같습니다. "
            "복잡성이 늘고, 키 관리는 언젠가 실패하며, 순방향 비밀성 같은 현대 보안 기법을 "
            "포기해야 한다는 것입니다. 게다가 한국이 이런 장치를 요구하면 다른 나라 정부들도 "
            "똑같이 요구할 겁니다.\n\n"
            "범죄자는 다른 방법으로 추적할 수 있습니다. 모든 사람의 보안을 깎아 내는 방법으로 "
            "해서는 안 됩니다."
        ),
        "language": "ko",
    },
    {
        "topic": "lawful-decryption",
        "author": "oldlibrarian",
        "stance": "no-backdoor",
        "claim": (
            "A decryption capability built for exploitation cases will not stay there. Korea's own "
            "record shows surveillance powers drift toward journalists, unions and political "
            "opponents."
        ),
        "body": (
            "I am old enough to remember when the military's security command kept files on "
            "students, clergy and opposition politicians, and I read in 2018 that its successor "
            "had monitored the bereaved families of the Sewol ferry disaster. None of those powers "
            'were created "to spy on citizens". They were created for national security, and '
            "they drifted.\n\n"
            "That is the problem with any built-in decryption capability. The debate is always "
            "framed around the worst crimes imaginable, and rightly nobody wants to be seen "
            "defending the people who commit them. But once the capability exists, the case for "
            'using it on the next category, whether drugs, fraud, "fake news" or leaked '
            "government documents, is always easier to make than the case for building it was. A "
            "legal threshold can be lowered by an ordinary amendment; a technical capability "
            "cannot be un-built.\n\n"
            "And the offenders it is meant to catch have alternatives. Strong encryption is "
            "published mathematics and open-source software. A mandate would bind the apps "
            "ordinary people install from app stores, not the tools a determined criminal network "
            "chooses. We would end up with weaker security for teachers, nurses and reporters, and "
            "roughly the same difficulty catching the people we set out to catch.\n\n"
            "Spend the effort on investigation, not on a key under the doormat."
        ),
        "language": "en",
    },
    {
        "topic": "lawful-decryption",
        "author": "tidepool",
        "stance": "known-material-scanning",
        "claim": (
            "Nobody should hold a key to our chats, but services must detect and block material "
            "already confirmed as illegal, with match thresholds, human review and an audited hash "
            "list."
        ),
        "body": (
            "In digital sex crime cases the harm does not end with an arrest. The same files keep "
            "resurfacing in new rooms and on new platforms, and each reappearance is a fresh harm. "
            "It is also the harm we are best equipped to stop, because the material has already "
            "been identified.\n\n"
            "Hash matching does this without reading anyone's conversations. A file is reduced to "
            "a fingerprint and compared with a list of fingerprints of confirmed illegal material. "
            "Korea has required large platforms to filter known illegally filmed material this way "
            "since 2021. I would extend that duty to messengers' public channels and large groups, "
            "and allow on-device matching only for files shared into groups above a certain size.\n"
            "\n"
            "I take the criticism of Apple's 2021 plan seriously. Perceptual hashes can collide, "
            "and a list nobody can inspect is a list that can quietly grow. So the conditions "
            "matter:\n\n"
            "- match only against **confirmed** material on a list kept by a public body, with "
            "independent audits of what is on it;\n"
            "- require several matches before anything is flagged, and **human review** before any "
            "report;\n"
            "- no scanning of one-to-one messages, and no extension to other kinds of content "
            "without a new law.\n\n"
            "This is not a backdoor. It is refusing to carry a parcel you already know is "
            "contraband."
        ),
        "language": "en",
        "earlier": [
            {
                "stance": "known-material-scanning",
                "claim": (
                    "Messengers should check all shared images against hash lists of known "
                    "exploitation material, private chats included."
                ),
                "body": (
                    "Exploitation material never stays in one room; it is copied again and again. "
                    "Hash matching lets a service recognise known illegal files without learning "
                    "anything else about a conversation, and Korea already requires large "
                    "platforms to filter known illegally filmed material.\n\n"
                    "I see no principled reason why messengers, including private chats, should be "
                    "exempt. The privacy cost is close to zero: a fingerprint is compared and "
                    "nothing else is learned. Those who object should explain why a file already "
                    "confirmed as illegal deserves the protection of encryption."
                ),
            },
        ],
    },
    {
        "topic": "lawful-decryption",
        "author": "늦은오후",
        "stance": "known-material-scanning",
        "claim": (
            "n번방은 종단간 암호화 대화가 아니라 공개 채널과 대규모 그룹에서 벌어졌다. 1:1 대화는 "
            "건드리지 말고, 공개·대규모 공간에서 알려진 불법물을 걸러 내자."
        ),
        "body": (
            "이 논쟁에서 자주 놓치는 사실이 있습니다. 텔레그램의 일반 대화, 그룹, 채널은 **종단간 "
            "암호화가 아닙니다.** 종단간 암호화는 1:1 '비밀 대화'에만 적용되고, 나머지는 텔레그램 "
            "서버에 저장됩니다. n번방과 2024년 딥페이크 유포는 대부분 이런 그룹과 채널, 봇에서 "
            "일어났습니다. 다시 말해 텔레그램은 기술적으로 볼 수 있었는데 보지 않았던 겁니다.\n\n"
            "그렇다면 '암호화를 깨느냐 마느냐'로 싸우기 전에, 이미 서버에서 볼 수 있는 공간에 "
            "책임을 묻는 게 먼저입니다.\n\n"
            "- 일정 규모 이상의 그룹과 공개 채널에 올라오는 파일은 방송통신심의위원회 등이 확인한 "
            "불법촬영물 해시 목록과 대조\n"
            "- 일치하면 차단하고, 사람이 검토한 뒤 신고\n"
            "- 1:1 대화와 소규모 종단간 암호화 대화에는 적용하지 않음\n\n"
            "국내 대형 플랫폼은 이미 2021년부터 비슷한 필터링을 하고 있습니다. 도입 초기에 과잉 "
            "차단 논란이 있었던 만큼 오탐 기준과 이의 제기 절차는 공개해야 합니다. 그래도 방향은 "
            "맞다고 봅니다. 모든 사람의 암호화를 건드리지 않고도 할 수 있는 일이 아직 많습니다."
        ),
        "language": "ko",
    },
    {
        "topic": "lawful-decryption",
        "author": "별빛서재",
        "stance": "exceptional-access",
        "claim": (
            "아동 성착취·테러 같은 중대 범죄에 한해, 법원 영장과 여러 기관의 분할 키 승인이 모두 "
            "있을 때만 특정 계정에 접근할 수 있는 장치를 법으로 요구하자."
        ),
        "body": (
            "'뒷문은 모두를 위험하게 한다'는 주장이 틀렸다고 생각하지 않습니다. 그래서 처음 "
            "생각에서 많이 물러섰습니다. 그래도 '어떤 경우에도 불가능하다'로 논의를 끝내는 데는 "
            "동의하기 어렵습니다. 법은 법원의 허가를 받으면 통신을 감청할 수 있다고 정해 두었는데, "
            "메신저만 기술적으로 영원히 예외라면 법이 정한 수사 절차가 사실상 의미를 잃습니다.\n\n"
            "제가 생각하는 최소한의 설계는 이렇습니다.\n\n"
            "- 대상 범죄를 아동 성착취, 테러, 살인 등 법률에 열거된 중대 범죄로 한정\n"
            "- **법원 영장**에 더해 사업자·수사기관·독립 감독기구가 키 조각을 하나씩 나눠 갖고, "
            "셋이 모두 승인해야 특정 계정의 대화에만 접근\n"
            "- 대량 접근은 기술적으로 불가능하게 설계하고, 모든 접근은 지울 수 없는 기록으로 남김\n"
            "- 3년마다 효과와 오남용을 평가해 국회가 연장 여부를 다시 의결하는 **일몰 조항**\n\n"
            "완벽하게 안전한 설계는 없다는 걸 압니다. 하지만 금융망이나 전력망처럼 위험을 "
            "관리하면서 운영하는 핵심 시스템은 많습니다. 위험하다는 것과 불가능하다는 것은 다른 "
            "말입니다."
        ),
        "language": "ko",
        "earlier": [
            {
                "stance": "exceptional-access",
                "claim": (
                    "국내에서 서비스하는 모든 메신저는 영장이 있으면 수사기관이 대화 내용을 볼 수 "
                    "있도록 복호화 기능을 갖춰야 한다."
                ),
                "body": (
                    "법원이 영장을 발부해도 암호화 때문에 아무것도 볼 수 없다면 그 영장은 종이 한 "
                    "장에 불과합니다. 통신비밀보호법은 법원의 허가가 있으면 통신 내용을 확인할 수 "
                    "있도록 정해 두었습니다. 기술이 바뀌었다고 해서 법이 정한 절차가 무력해져서는 "
                    "안 됩니다.\n\n"
                    "국내에서 서비스하는 메신저라면 영장이 있을 때 대화 내용을 제공할 수 있도록 "
                    "설계해야 합니다. n번방 같은 사건이 다시 일어났을 때 '암호화 때문에 볼 수 "
                    "없다'는 답을 들어서는 안 됩니다. 사생활은 중요하지만, 법원의 통제를 받는 "
                    "수사까지 막는 절대적 권리는 아닙니다."
                ),
            },
            {
                "stance": "exceptional-access",
                "claim": (
                    "중대 범죄에 한해, 법원 영장이 있을 때 특정 계정의 대화에 접근할 수 있는 "
                    "장치를 메신저에 요구해야 한다."
                ),
                "body": (
                    "처음에는 모든 메신저에 복호화 기능을 두자고 주장했지만, '뒷문은 모두를 "
                    "위험하게 한다'는 반론을 읽으며 범위를 좁혀야 한다고 생각하게 됐습니다.\n\n"
                    "- 대상은 아동 성착취, 테러, 살인 등 법률에 열거된 중대 범죄로 한정\n"
                    "- 법원 영장이 있을 때 특정 계정의 대화에만 접근하고, 대량 접근은 허용하지 "
                    "않음\n"
                    "- 모든 접근은 기록으로 남기고 사후에 점검\n\n"
                    "법은 법원의 허가를 받으면 통신을 감청할 수 있다고 정해 두었습니다. 메신저만 "
                    "영원한 예외가 되어서는 안 된다는 생각은 그대로입니다. 다만 그 예외를 없애는 "
                    "방식은 최대한 좁고 엄격해야 합니다."
                ),
            },
        ],
    },
    {
        "topic": "lawful-decryption",
        "author": "nightbus",
        "stance": "exceptional-access",
        "claim": (
            "For a short list of grave crimes, a court should be able to order a provider to give "
            "access to one named account's future messages. 'Impossible' is a design choice."
        ),
        "body": (
            "Investigators are not asking for a master key to everyone's messages. The realistic "
            "request is narrower: when a judge has found that a specific account is being used to "
            "run an exploitation ring, the provider should be able to give lawful access to *that "
            "account's* communications from that point on, just as a carrier can be ordered to do "
            "under an interception warrant.\n\n"
            "Technical proposals exist. In 2018 two senior technical officials at Britain's GCHQ "
            "publicly suggested that a provider could silently add a law-enforcement participant "
            "to a targeted conversation, using the same mechanism that already adds devices and "
            "group members, instead of breaking the encryption itself. Critics raised serious "
            "objections about user trust and notification, and those objections deserve answers. "
            "But the proposal shows that the choice is not between perfect encryption and a master "
            "key for the state.\n\n"
            "Meanwhile the alternatives we are told to rely on have limits. Seized phones are "
            "often locked or wiped. Metadata tells you who, not what. Undercover work in closed "
            "groups is slow and, in Korea, legally restricted.\n\n"
            "I would accept strict limits: an enumerated list of offences, warrants from a senior "
            "judge, full logging and annual public statistics. What I do not accept is a system in "
            "which a warrant can be issued but never executed."
        ),
        "language": "en",
    },
    {
        "topic": "lawful-decryption",
        "author": "바다소리",
        "stance": "targeted-alternatives",
        "claim": (
            "n번방 주범들은 암호를 풀어서 잡은 게 아니었다. 위장수사, 결제 추적, 디지털 포렌식 "
            "인력에 투자하는 쪽이 더 빠르고 확실하다."
        ),
        "body": (
            "피해 지원 일을 하는 사람이 '암호화를 깨자'는 주장에 선뜻 동의하지 않는다는 게 의외일 "
            "수도 있겠습니다. 하지만 돌아보면 n번방 주범들이 잡힌 건 암호 해독 덕분이 "
            "아니었습니다. 가상자산 결제 흐름을 쫓고, 압수한 기기를 분석하고, 기자와 시민 "
            "추적자들이 모은 단서를 수사로 이어 간 결과였습니다.\n\n"
            "그 뒤로 제도도 조금씩 나아졌습니다. 2021년부터 아동·청소년 대상 디지털 성범죄에 "
            "위장수사가 허용됐고, 이를 통해 검거된 사례도 나오고 있습니다. 그런데 현장에서 들리는 "
            "이야기는 한결같습니다. 사람이 부족하고, 포렌식 장비와 분석 인력이 부족하고, 가상자산 "
            "추적 역량이 부족하다는 겁니다.\n\n"
            "- 위장수사 제도를 인력과 예산으로 뒷받침하고, 적용 범위와 통제 장치를 주기적으로 "
            "점검하기\n"
            "- 경찰의 디지털 성범죄 전담 인력과 포렌식 역량 확충\n"
            "- 가상자산 거래소와 신속하게 정보를 주고받는 체계 마련\n\n"
            "암호화에 뒷문을 만드는 일은 몇 년이 걸리고, 만들어도 범죄자들은 다른 도구로 옮겨 "
            "갑니다. 피해를 입은 사람들에게 필요한 건 지금 당장 일하는 수사관입니다. 그리고 그들도 "
            "안전하게 연락할 수 있는 보안 메신저가 필요합니다."
        ),
        "language": "ko",
    },
    {
        "topic": "lawful-decryption",
        "author": "parity_bit",
        "stance": "no-backdoor",
        "claim": (
            "Client-side scanning is exceptional access by another name: it puts a list you cannot "
            "see inside every phone. Apple's own retreat shows the technical problems are unsolved."
        ),
        "body": (
            "Client-side scanning is often presented as the privacy-friendly compromise: nobody "
            "decrypts anything, the phone just checks files against a list before encrypting them. "
            "But look at what is actually being built: a mechanism that inspects private content "
            "on the user's own device, against criteria the user cannot see, and reports matches "
            "to a third party. The encryption is intact; the confidentiality it was supposed to "
            "provide is not.\n\n"
            "The technical record is not encouraging. Within weeks of Apple describing its "
            "NeuralHash system in 2021, researchers produced collisions, different images with the "
            "same hash. Perceptual hashes are designed to tolerate small changes, which makes them "
            "both evadable by offenders and open to anyone who wants to plant false matches. Apple "
            "paused the plan and dropped it in 2022, later explaining that scanning private data "
            "would open new attack vectors and invite wider surveillance. Expert assessments of "
            "the EU's [chat control](https://en.wikipedia.org/wiki/Chat_Control) proposal reached "
            "similar conclusions about error rates.\n\n"
            "Then there is function creep. The list is just a database of fingerprints, and "
            "nothing in the code limits it to one kind of content. A government that can add "
            "exploitation material can add leaked documents or protest images.\n\n"
            "Scan public uploads on the server if you must. Keep the scanner off our phones."
        ),
        "language": "en",
    },
    {
        "topic": "lawful-decryption",
        "author": "stonebridge",
        "stance": "targeted-alternatives",
        "claim": (
            "Don't weaken encryption for everyone. Fund targeted capabilities such as device "
            "forensics, metadata analysis and undercover work, and put government hacking under a "
            "strict statute first."
        ),
        "body": (
            "The choice is usually presented as binary: break encryption or let offenders go. In "
            "practice most successful cases involve something in between. Devices are seized at "
            "arrest and examined; payment trails and account registrations link pseudonyms to "
            "people; undercover officers observe closed groups; informants and reporters supply "
            "leads. These methods focus on suspects, not on the whole population.\n\n"
            "The most powerful targeted tool, remotely accessing a specific suspect's device so "
            "that messages are read at the endpoint, is also the one Korea has handled worst. In "
            "2015 it emerged that the National Intelligence Service had bought remote-hacking "
            "software from an Italian vendor, with almost no statutory framework governing its "
            "use. If we are going to rely on endpoint access instead of backdoors, and I think we "
            "should, it needs its own law first:\n\n"
            "- a judicial warrant specific to device intrusion, available only for enumerated "
            "serious crimes;\n"
            "- rules on disclosing vulnerabilities, so that the state does not hoard flaws that "
            "endanger everyone;\n"
            "- logging and independent review of every operation.\n\n"
            "Targeted has to mean targeted. That is the difference between investigating a suspect "
            "and weakening the communications of fifty million people."
        ),
        "language": "en",
    },
    {
        "topic": "lawful-decryption",
        "author": "돌담길",
        "stance": "exceptional-access",
        "claim": (
            "영장으로도 열리지 않는 공간을 그대로 두는 건 법치의 공백이다. 영장 집행 능력을 갖출 "
            "의무를 법에 두고, 구체적인 방식은 사업자가 제안하게 하자."
        ),
        "body": (
            "저는 기술자가 아니고, 어떤 방식이 가장 안전한지 단정할 능력도 없습니다. 다만 이 "
            "문제를 '기술적으로 불가능하니 논의 끝'으로 정리하는 데는 반대합니다. 어떤 공간은 법원 "
            "영장으로도 열리지 않는다는 결론은 기술이 아니라 정치가 내려야 할 판단인데, 지금은 "
            "사실상 사업자가 대신 내리고 있습니다.\n\n"
            "영국의 [조사권한법(Investigatory Powers Act "
            "2016)](https://en.wikipedia.org/wiki/Investigatory_Powers_Act_2016)에는 정부가 "
            "사업자에게 영장 집행에 필요한 기술적 능력을 유지하도록 요구할 수 있는 제도가 "
            "있습니다. 한국도 비슷한 틀을 생각해 볼 수 있습니다.\n\n"
            "- 법은 '중대 범죄에 대해 법원 영장을 집행할 수 있는 능력'이라는 **결과**만 요구\n"
            "- 구체적인 방식은 사업자가 제안하고, 독립 전문가 위원회가 보안성을 검증\n"
            "- 요구 내용과 비용, 보안에 미치는 영향은 국회에 보고\n\n"
            "물론 영국에서도 이 제도는 큰 논란이 됐고, 일부 사업자는 서비스를 철수하겠다고 "
            "맞서기도 했습니다. 그렇기 때문에 더더욱 공개적인 입법 절차로 정해야 합니다. 아무 규칙 "
            "없이 사업자의 선택에만 맡겨 두는 지금보다는 낫습니다."
        ),
        "language": "ko",
    },
    {
        "topic": "oversight",
        "author": "blueheron",
        "stance": "independent-body",
        "claim": (
            "Judges approve nearly every communications request put to them. Oversight needs an "
            "independent body with technical staff and civil-society members that can audit, not "
            "just approve."
        ),
        "body": (
            "Warrants matter, but a warrant hearing is one-sided: the agency presents its case, no "
            "one argues the other side, and the judge has little time to decide. Across "
            "democracies, approval rates for communications orders tend to be very high, and Korea "
            "is no exception. Courts also see only the requests. They do not see what happens "
            "afterwards: how much data was collected, how long it was kept, and who else it was "
            "shared with.\n\n"
            "What has repeatedly exposed abuse in Korea is not the warrant process but audits, "
            "leaks and investigations after the fact: the military command's files on civilians, "
            "the intelligence service's purchase of hacking tools, the subscriber-data lookups on "
            "journalists that came to light in 2021. I would rather build that scrutiny into the "
            "system than wait for the next scandal.\n\n"
            "My proposal is a standing oversight commission, independent of both the government "
            "and the agencies:\n\n"
            "- members nominated by the Assembly, the courts and civil society, including "
            "technologists and representatives of both digital-rights and survivors' support "
            "organisations;\n"
            "- the power to inspect records of any interception, data request or decryption order, "
            "and to refer violations to prosecutors;\n"
            "- an annual public report with statistics broken down by agency and offence.\n\n"
            "Scrutiny after the fact is what keeps these powers honest beforehand."
        ),
        "language": "en",
    },
    {
        "topic": "oversight",
        "author": "느린우체통",
        "stance": "courts",
        "claim": (
            "감독의 중심은 여전히 법원이어야 한다. 전담 영장판사, 반대 논리를 내는 공익 대리인, "
            "사후 통지를 강화하는 것이 새 위원회보다 확실하다."
        ),
        "body": (
            "새로운 위원회를 만들자는 제안이 많지만, 저는 헌법 질서 안에서 가장 확실한 통제 장치인 "
            "법원을 강화하는 쪽이 낫다고 봅니다. 국회는 정치적으로 움직이고, 시민사회 위원회는 "
            "구성 단계부터 '누가 시민을 대표하느냐'는 논란에 빠지기 쉽습니다.\n\n"
            "지금 법원 통제의 약점은 분명합니다. 영장 심사는 수사기관의 일방적인 설명만 듣고 짧은 "
            "시간에 이뤄집니다. 통신 관련 영장의 기각률이 매우 낮다는 지적이 계속 나오는 "
            "이유입니다. 고칠 방법은 있습니다.\n\n"
            "- 통신·디지털 영장을 전담하는 판사를 두고 기술 자문 인력을 지원\n"
            "- 미국 해외정보감시법원(FISC)의 법정 조언자 제도처럼, 중요한 사건에는 **반대 논리를 "
            "제시하는 공익 대리인**을 참여시키기\n"
            "- 수사가 끝나면 당사자에게 반드시 통지하고, 통지를 미루려면 법원의 허가를 다시 받게 "
            "하기\n\n"
            "헌법재판소는 2018년 기지국 수사와 실시간 위치추적, 2022년 통신자료 제공의 사후 통지 "
            "문제에 대해 잇따라 헌법불합치 결정을 내렸습니다. 법원과 헌재는 이미 이 문제를 다뤄 온 "
            "기관입니다. 그 역할을 실질적으로 만드는 게 먼저입니다."
        ),
        "language": "ko",
    },
    {
        "topic": "oversight",
        "author": "oldlibrarian",
        "stance": "legislature",
        "claim": (
            "These powers should exist only as the Assembly defines them: narrow statutes, sunset "
            "clauses, annual statistics, and an Intelligence Committee with cleared staff and some "
            "open hearings."
        ),
        "body": (
            "The abuses I remember, from the military's files on civilians to the intelligence "
            "service's interference in online political debate, were not stopped by the courts. "
            "They were exposed by insiders and journalists and then answered, slowly, by the "
            "National Assembly: the security command was dismantled and rebuilt under new names, "
            "the intelligence service's domestic role was cut back, and its anti-communist "
            "investigation powers were transferred to the police. Durable limits on state power in "
            "Korea have come through legislation.\n\n"
            "So whatever we decide about cooperation or decryption, the Assembly should own it:\n\n"
            "- powers written into statute with a closed list of offences, not left to enforcement "
            "decrees or agency guidelines;\n"
            "- a **sunset clause** of three to five years, so that renewal requires evidence of "
            "effectiveness and of the absence of abuse;\n"
            "- annual statistics by agency, published in full;\n"
            "- an Intelligence Committee with security-cleared professional staff that holds at "
            "least part of its sessions in public, rather than meeting almost entirely behind "
            "closed doors.\n\n"
            "Courts judge individual cases. Only the legislature can decide how much surveillance "
            "a democracy is willing to live with, and it should have to decide again every few "
            "years."
        ),
        "language": "en",
    },
    {
        "topic": "oversight",
        "author": "한강산책",
        "stance": "independent-body",
        "claim": (
            "감독 기구에는 디지털 인권 단체와 성폭력 피해 지원 단체가 함께 들어가야 한다. 두 "
            "목소리가 같은 기록을 볼 때 균형이 생긴다."
        ),
        "body": (
            "이 논쟁을 지켜보면 두 진영이 늘 서로를 향해 말합니다. 한쪽은 '프라이버시를 핑계로 "
            "가해자를 감싼다'고, 다른 쪽은 '피해자를 핑계로 감시를 늘린다'고요. 저는 양쪽에서 "
            "활동하는 사람들을 다 아는데, 실제로 원하는 건 크게 다르지 않습니다. 빠르고 정확한 "
            "수사, 그리고 남용되지 않는 권한입니다.\n\n"
            "그래서 감독 기구를 만든다면 구성부터 달라야 한다고 생각합니다.\n\n"
            "- 법조인과 기술 전문가뿐 아니라 디지털 인권 단체와 성폭력 피해 지원 단체가 추천하는 "
            "위원을 함께 두기\n"
            "- 통신 자료 요청, 감청, 삭제 요청 처리 현황을 정기적으로 감사할 권한 주기\n"
            "- 피해 지원 단체는 '수사가 왜 안 되는지'를, 인권 단체는 '권한이 어디까지 쓰였는지'를 "
            "확인하는 구조 만들기\n\n"
            "시민사회 위원이 기밀 자료를 다룰 수 있겠느냐는 걱정도 있습니다. 보안 서약과 열람 "
            "절차를 두면 됩니다. 국가인권위원회도 민감한 자료를 다루며 일해 왔습니다. 감시를 "
            "걱정하는 사람과 피해자를 지키려는 사람이 같은 기록을 볼 때 신뢰가 생깁니다."
        ),
        "language": "ko",
    },
    {
        "topic": "oversight",
        "author": "nightbus",
        "stance": "streamlined",
        "claim": (
            "Keep the court warrant as the single gate in front and make it fast; put extra "
            "oversight after the fact, in audits and statistics, not in front of urgent cases."
        ),
        "body": (
            "When an exploitation ring is active, every day means more people harmed and more "
            "evidence gone. Korean law already recognises this: the Protection of Communications "
            "Secrets Act allows emergency measures without a prior court order in urgent cases, "
            "provided that a court approves them within 36 hours. That balance, act quickly and "
            "justify promptly to a judge, is the right model.\n\n"
            "What worries me in this debate is oversight by accumulation: a warrant, then a second "
            "approval from a commission, then notice to a committee, then a technical review. Each "
            "layer sounds reasonable. Together they turn a two-day process into a three-week one, "
            "and the people who benefit are the offenders.\n\n"
            "I have changed my view on one thing. I used to argue that any new oversight body was "
            "unnecessary. I now think independent *after-the-fact* audits are valuable, and that "
            "every agency, the police included, should publish annual statistics. Audits catch "
            "patterns of misuse without delaying a single case.\n\n"
            "So my position is this: one gate in front, a judge, with a fast track for "
            "emergencies; thorough review behind, through audits, statistics and notice once a "
            "case is closed. Don't put committees between a warrant and the people it is meant to "
            "protect."
        ),
        "language": "en",
        "earlier": [
            {
                "stance": "streamlined",
                "claim": (
                    "No new oversight bodies. The court warrant is enough, and every extra "
                    "approval layer helps offenders."
                ),
                "body": (
                    "When an exploitation ring is active, every day means more people harmed and "
                    "more evidence gone. Korean law already requires a judge's permission for "
                    "interception and for traffic data, and it allows emergency measures in urgent "
                    "cases as long as a court approves them within 36 hours. That is oversight.\n\n"
                    "Proposals to add commissions, civil-society panels or parliamentary sign-offs "
                    "on top of warrants sound reasonable one by one, but together they turn days "
                    "into weeks. The people who benefit from that delay are the offenders, not the "
                    "public. Keep the judge as the gate and leave it there."
                ),
            },
        ],
    },
    {
        "topic": "oversight",
        "author": "회색고양이",
        "stance": "independent-body",
        "claim": (
            "법원도 국회도 소스코드와 해시 목록을 검증할 능력은 없다. 독립적인 기술 감사가 감독 "
            "체계의 한 축이 되어야 한다."
        ),
        "body": (
            "감독 논의가 대부분 '누가 승인하느냐'에 머물러 있는데, 기술 장치가 끼어드는 순간 "
            "질문이 하나 더 생깁니다. **그 장치가 정말 말한 대로만 동작하느냐**입니다.\n\n"
            "예를 들어 알려진 불법물의 해시 대조를 도입한다면, 목록에 무엇이 들어 있는지 판사도 "
            "국회의원도 확인할 수 없습니다. 목록이 조용히 다른 종류의 자료로 넓어져도 알 길이 "
            "없습니다. 복호화나 접근 장치라면 더 심각합니다. 접근 기록이 조작되지 않았는지, 대량 "
            "접근이 정말 불가능한지, 다른 나라나 공격자가 쓸 수 있는 취약점은 없는지 누군가는 "
            "검증해야 합니다.\n\n"
            "그래서 이렇게 제안합니다.\n\n"
            "- 보안·암호 전문가가 참여하는 독립 기술감사단을 두고, 관련 소스코드와 설정, 해시 "
            "목록, 접근 기록을 열람할 권한 부여\n"
            "- 보안상 공개할 수 없는 부분을 뺀 감사 결과 요약본을 매년 공개\n"
            "- 감사단 위원은 수사기관과 사업자 모두로부터 독립적이어야 하고, 일정 기간 이해관계가 "
            "있는 곳에 취업할 수 없도록 제한\n\n"
            "법적 통제와 기술적 통제는 따로 가면 안 됩니다. 코드를 볼 수 없는 감독은 절반짜리 "
            "감독입니다."
        ),
        "language": "ko",
    },
    {
        "topic": "oversight",
        "author": "tidepool",
        "stance": "courts",
        "claim": (
            "Every access to communications, including requests sent to providers abroad, should "
            "go through a Korean judge, with the person told afterwards and able to challenge it."
        ),
        "body": (
            "I support giving investigators more reach, and that is exactly why I want the courts "
            "firmly in charge of it. A judge is the one actor in this system who must give "
            "reasons, can be appealed, and has no stake in how many cases are closed.\n\n"
            "Three gaps in the current system worry me most:\n\n"
            "1. **Outbound requests.** When a Korean agency asks a foreign provider for data, "
            "whether under Telegram's new policy or through a future CLOUD Act-style agreement, "
            "the request should be authorised by a Korean court, not sent on an agency's "
            "letterhead. Otherwise cross-border cooperation becomes a way around domestic warrant "
            "rules.\n"
            "2. **Notice.** People whose data was obtained should be told once the investigation "
            "allows, and should have a real way to challenge it. Without notice nobody objects, "
            "and no case law ever develops.\n"
            "3. **Remedy.** Evidence obtained outside a warrant should be excluded, and unlawful "
            "access should give a right to damages.\n\n"
            "Parliamentary committees matter for setting the rules, and independent auditors for "
            "spotting patterns, but neither can give an individual a remedy. Courts can, and that "
            "is what turns oversight into more than a report."
        ),
        "language": "en",
    },
    {
        "topic": "oversight",
        "author": "별빛서재",
        "stance": "legislature",
        "claim": (
            "이런 권한의 범위는 판사 개인이 아니라 국회가 법률로 정해야 한다. 대상 범죄 열거, 일몰 "
            "조항, 국회 보고를 의무로 하자."
        ),
        "body": (
            "처음에는 법원 영장만 엄격하면 된다고 생각했습니다. 그런데 제가 지지하는 예외적 "
            "접근처럼 강한 권한을 생각할수록, 개별 사건의 영장보다 그 권한이 **애초에 어디까지 "
            "허용되느냐**가 더 중요하다는 걸 알게 됐습니다. 그건 판사가 사건마다 정할 문제가 "
            "아니라 국회가 법률로 정해야 할 문제입니다.\n\n"
            "- 대상 범죄를 법률에 열거하고, 시행령이나 내부 지침으로 넓힐 수 없게 할 것\n"
            "- 3년 일몰 조항을 두고, 연장하려면 효과와 오남용 실태를 담은 보고서를 근거로 다시 "
            "의결할 것\n"
            "- 수사기관과 사업자가 매년 국회 정보위원회와 과학기술정보방송통신위원회에 통계를 "
            "보고하고, 요약본을 공개할 것\n"
            "- 정보위원회에 보안 인가를 받은 전문 인력을 두어 실질적인 검토가 가능하게 할 것\n\n"
            "국회가 정치적이라는 비판은 맞습니다. 하지만 바로 그렇기 때문에 공개적으로 책임을 지는 "
            "곳이기도 합니다. 권한을 준 곳이 다시 거둘 수도 있어야 합니다."
        ),
        "language": "ko",
        "earlier": [
            {
                "stance": "courts",
                "claim": (
                    "감독은 법원이 맡아야 한다. 예외적 접근도 영장 판사가 사건마다 엄격하게 "
                    "심사하면 된다."
                ),
                "body": (
                    "새 권한이 생기면 새 기구를 만들자는 말부터 나오지만, 헌법이 이미 정해 둔 통제 "
                    "장치는 법원입니다. 예외적 접근을 도입하더라도 판사가 사건마다 혐의가 얼마나 "
                    "중대한지, 다른 수단은 없는지, 접근 범위가 최소한인지를 엄격하게 따지면 남용을 "
                    "막을 수 있습니다.\n\n"
                    "위원회를 여러 개 만드는 것보다 영장 심사를 제대로 하는 게 더 효과적입니다. "
                    "다만 판사들이 기술적인 내용을 이해할 수 있도록 전문 인력의 지원은 필요하다고 "
                    "봅니다."
                ),
            },
        ],
    },
    {
        "topic": "oversight",
        "author": "quietkey",
        "stance": "courts",
        "claim": (
            "Courts should remain the gate, but judges need independent technical advisers: no "
            "judge can assess a 'targeted' technical order without understanding what it does to "
            "everyone else."
        ),
        "body": (
            "I argued in the first topic against new cooperation mandates. But if any of the "
            "powers discussed here are created, the question of who controls them becomes the "
            "important one, and I think it has to be the courts. A warrant is the only point where "
            "a specific request meets an independent decision-maker before anything happens.\n\n"
            "The weakness is competence, not independence. A judge asked to approve a technical "
            "assistance order, for instance to push a modified app update to one user or to add a "
            "hidden participant to a chat, is being asked a question about software security, not "
            "only about probable cause. The risks of such orders fall on every other user of the "
            "service: an update channel that has been compromised once is compromised for "
            "everyone.\n\n"
            "So:\n\n"
            "- a panel of independent technical advisers available to warrant judges, cleared to "
            "see the details of technical orders;\n"
            "- a right for the provider to challenge an order on security grounds before an "
            "independent judge, much as UK providers can seek review of technical capability "
            "notices;\n"
            "- separate published statistics on technical orders, distinct from ordinary data "
            "requests.\n\n"
            "Legislators set the limits and judges apply them case by case. Both need people in "
            "the room who can read the code."
        ),
        "language": "en",
    },
    {
        "topic": "oversight",
        "author": "새벽감자",
        "stance": "streamlined",
        "claim": (
            "감독 장치를 겹겹이 쌓기보다 현행 영장 제도를 제대로 운영하고, 통계 공개와 투명성 "
            "보고서로 사후 검증하는 편이 현실적이다."
        ),
        "body": (
            "감독이 중요하다는 데는 동의합니다. 다만 새 위원회를 만들 때마다 예산과 인력, 그리고 "
            "무엇보다 시간이 듭니다. 디지털 성범죄 수사에서 시간은 곧 피해의 확산입니다.\n\n"
            "한국에는 이미 꽤 촘촘한 장치가 있습니다. 감청과 통신사실 확인자료는 법원 허가를 "
            "받아야 하고, 긴급한 경우에도 사후에 법원 허가를 받아야 합니다. 가입자 정보 제공도 "
            "헌법재판소 결정 이후 이용자에게 통지하도록 바뀌었습니다. 문제는 제도가 없는 게 아니라 "
            "운영이 잘 보이지 않는다는 점입니다.\n\n"
            "- 새 기구 대신 수사기관별·범죄 유형별 요청 건수와 결과를 매년 공개\n"
            "- 투명성 보고서를 내는 국내 사업자를 늘리고, 해외 사업자에게도 한국 관련 통계를 "
            "공개하도록 요구\n"
            "- 감사원 감사와 국회 국정감사에서 통신 수사 항목을 따로 점검\n\n"
            "겹겹의 사전 승인은 안심을 주는 것처럼 보이지만, 실제로는 누가 책임지는지를 흐리게 "
            "만들기도 합니다. 누가 무엇을 승인했는지 분명하고, 그 결과가 공개되는 구조가 더 "
            "낫습니다."
        ),
        "language": "ko",
    },
]

# Demo voters: accounts that only vote, so that the opinion maps have people to group. Each
# leans to one camp, which agrees with the first half of a topic's stances and disagrees with
# the rest, with some noise and some passes; every fourth position is accepted by both camps.
# Generated deterministically by the demo command.
VOTERS = 48
VOTE_SEED = 2020

# Replies under positions: (topic, position author) identifies the position; "answers" is the
# index in this list of the reply being answered. Leanings are toward the position.
REPLIES = [
    {
        "topic": "compelled-cooperation",
        "position": "바다소리",
        "author": "quietkey",
        "leaning": "in_favour",
        "text": (
            "I agree on deadlines for takedown requests. Could the duty be limited to public "
            "channels and large groups, as you say, and written that way in the law itself? "
            "Otherwise the same article will be read as covering private chats too."
        ),
    },
    {
        "topic": "compelled-cooperation",
        "position": "바다소리",
        "author": "바다소리",
        "leaning": "neutral",
        "answers": 0,
        "text": (
            "네, 법 조문에 **공개 채널과 일정 규모 이상의 대화방**으로 명시하는 데 찬성합니다. "
            "1:1 대화는 대상이 아니라는 점을 분명히 해야 오해가 없을 것 같습니다."
        ),
    },
    {
        "topic": "compelled-cooperation",
        "position": "바다소리",
        "author": "nightbus",
        "leaning": "against",
        "text": (
            "매출 비례 과징금까지는 동의하지만, 국내 서비스 제한은 결국 이용자만 처벌하는 "
            "결과가 됩니다. 가해자는 VPN으로 옮겨 가고, 차단은 평범한 이용자에게만 효과가 있습니다."
        ),
    },
    {
        "topic": "compelled-cooperation",
        "position": "바다소리",
        "author": "blueheron",
        "leaning": "neutral",
        "answers": 2,
        "text": (
            "Blocking has costs, but it was the threat of losing markets that moved Telegram in "
            "2024. Perhaps the point is to keep it as a last resort that is rarely used."
        ),
    },
    {
        "topic": "lawful-decryption",
        "position": "회색고양이",
        "author": "stonebridge",
        "leaning": "in_favour",
        "text": (
            "The history of key escrow proposals supports this: every design reviewed in public "
            "was found to add risk. What would change your mind: an audited design, or none at all?"
        ),
    },
    {
        "topic": "lawful-decryption",
        "position": "회색고양이",
        "author": "회색고양이",
        "leaning": "neutral",
        "answers": 4,
        "text": (
            "감사받은 설계라도 키를 보관하는 곳이 생기는 순간 표적이 됩니다. 그래서 설계의 문제가 "
            "아니라 구조의 문제라고 생각합니다. 대신 기기 압수와 포렌식 같은 다른 수단을 보강하는 "
            "쪽이 낫다고 봅니다."
        ),
    },
    {
        "topic": "oversight",
        "position": "blueheron",
        "author": "늦은오후",
        "leaning": "in_favour",
        "text": (
            "감독 기구에 피해자 지원 단체 추천 위원도 들어가야 합니다. 수사 권한을 감시하는 것만큼 "
            "피해 신고가 제대로 처리되는지도 함께 봐야 하니까요."
        ),
    },
]

# A small closed consultation with a published summary, so that the demo shows one.
CLOSED_CONSULTATION = {
    "slug": "takedown-duty-pilot",
    "title": {
        "en": "Pilot: a 24-hour takedown duty for exploitation material",
        "ko": "시범 공론장: 성착취물 24시간 내 삭제 의무",
    },
    "framing": {
        "en": (
            "A short pilot consultation, now closed and summarised: should platforms be obliged "
            "to take down reported sexual exploitation material within 24 hours?"
        ),
        "ko": (
            "이미 마감되어 요약까지 공개된 짧은 시범 공론장입니다. 신고된 성착취물을 플랫폼이 "
            "24시간 안에 삭제하도록 의무화해야 할까요?"
        ),
    },
    "topic": {
        "slug": "takedown-deadline",
        "question": {
            "en": "Should a 24-hour takedown deadline be law?",
            "ko": "24시간 삭제 기한을 법으로 정해야 할까요?",
        },
        "stances": [
            {"key": "yes", "label": {"en": "Yes, 24 hours", "ko": "찬성, 24시간"}},
            {
                "key": "longer",
                "label": {"en": "Yes, but a longer deadline", "ko": "찬성, 기한은 더 길게"},
            },
            {"key": "no", "label": {"en": "No fixed deadline", "ko": "고정 기한 반대"}},
        ],
    },
    "positions": [
        (
            "바다소리",
            "yes",
            "Every hour online multiplies the harm; 24 hours is already long.",
            "Victims describe each copy as a new assault. A deadline makes platforms staff up.",
        ),
        (
            "quietkey",
            "yes",
            "24시간 기한이 있어야 해외 플랫폼도 움직인다.",
            "기한이 없으면 신고는 대기열 맨 끝으로 밀립니다. 과징금과 함께 기한을 정해야 합니다.",
        ),
        (
            "nightbus",
            "longer",
            "Small services need 72 hours, or they will block everything.",
            "A volunteer-run forum cannot review within a day; it will delete anything reported.",
        ),
        (
            "blueheron",
            "longer",
            "기한은 두되, 작은 서비스에는 더 긴 기한을 주자.",
            "이용자 규모에 따라 기한을 다르게 두면 과잉 삭제를 줄일 수 있습니다.",
        ),
        (
            "stonebridge",
            "no",
            "A fixed deadline rewards deleting first and checking never.",
            "Reviewers under a clock remove lawful reporting about the crimes too.",
        ),
        (
            "tidepool",
            "no",
            "기한보다 신고 처리 과정을 공개하게 하는 것이 낫다.",
            "처리 시간과 결과를 공개하면 늑장 대응도, 과잉 삭제도 드러납니다.",
        ),
    ],
}

# The moderators' summary of the pilot, in their own words; {0}…{5} are the pilot's
# positions in the order above (citations, never copies of what citizens wrote).
CLOSED_SUMMARY = """## Introduction

Six citizens argued whether platforms should be obliged by law to take down reported sexual
exploitation material within 24 hours, and others voted on their positions.

## Yes, 24 hours

Those in favour argue that every hour a copy stays online repeats the harm to the victim, and
that only a fixed deadline with fines makes foreign platforms act [[P{0}]] [[P{1}]].

## Yes, but a longer deadline

Others accept a deadline but fear that small, volunteer-run services cannot review within a
day and would remove everything reported; they ask for a deadline scaled to a service's
size [[P{2}]] [[P{3}]].

## No fixed deadline

Those against say a clock rewards deleting first and checking never, so lawful reporting about
the crimes disappears too, and they prefer an obligation to publish how reports are
handled [[P{4}]] [[P{5}]].

## Points of agreement

Across the opinion groups, most participants agreed that reviewers under a deadline also
remove lawful reporting, which any rule must prevent [[P{4}]].

## Open questions

- How would a deadline apply to services based abroad?
- Who audits the published handling times?

## Method

Written by the moderators from every published position, the replies and the votes; each
claim cites the positions it rests on.
"""
