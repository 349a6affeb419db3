"""Résumés and postings written for the tests, with hand-labelled catalogue skills.

Labels were written by reading each text against the catalogue's skill descriptions
(resources/catalog: a skill counts when the text names it or one of the tools it covers,
e.g. "Postgres" is SQL, "Jira" and "Scrum" are product management, "Bash" is Linux), before
running the extractor. ``measure.py`` reports precision and recall against them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LabelledResume:
    key: str
    fmt: str  # the format the tests write it as: "pdf", "docx" or "txt"
    text: str
    skills: frozenset[str]


@dataclass(frozen=True)
class LabelledPosting:
    key: str
    text: str
    required: frozenset[str]
    preferred: frozenset[str]


def _s(*ids: str) -> frozenset[str]:
    return frozenset(ids)


RESUMES: list[LabelledResume] = [
    LabelledResume(
        "priya_data_analyst",
        "pdf",
        """Priya Shah
priya.shah@example.com | +44 7700 900123 | Leeds, UK

Summary
Data analyst with four years of experience turning messy operational data into decisions.

Experience
Data Analyst, Yorkshire Water - Mar 2021 - Present
- Built Power BI dashboards used by 40 operations managers.
- Wrote SQL against Postgres and SQL Server to automate weekly reporting.
- Cleaned and modelled data in Python (pandas) and Jupyter notebooks.
Junior Analyst, Leeds City Council - Sep 2019 - Feb 2021
- Ran A/B tests on service letters and presented results to senior stakeholders.

Education
BSc Mathematics, University of Leeds, 2016 - 2019

Skills
SQL, Python, Power BI, Excel, Git, hypothesis testing, stakeholder management
""",
        _s("data_analysis", "sql", "python", "statistics", "git", "communication"),
    ),
    LabelledResume(
        "tom_backend",
        "docx",
        """Tom Okafor
Backend Engineer
tom.okafor@example.org  |  07700 900456  |  Manchester

Professional Experience
Backend Engineer, Cleo Payments (Jan 2022 - Present)
- Designed REST APIs in Django and FastAPI serving 2m requests a day.
- Moved batch jobs to AWS Lambda and S3; cut hosting costs by 30%.
- Containerised services with Docker and deployed them with GitHub Actions.
- Wrote pytest suites that raised coverage from 55% to 85%.
Software Developer, Sage (Jul 2019 - Dec 2021)
- Maintained PostgreSQL schemas and tuned slow queries.
- Led code reviews and refactoring of a legacy billing module.

Education
BEng Computer Science, University of Manchester, 2015 - 2019

Skills
Python, Django, FastAPI, PostgreSQL, Redis, Docker, AWS, Git, microservices
""",
        _s(
            "python",
            "system_design",
            "cloud",
            "devops",
            "testing",
            "sql",
            "code_quality",
            "git",
            "databases",
        ),
    ),
    LabelledResume(
        "mei_frontend",
        "txt",
        """MEI LIN - Frontend Developer
mei.lin@example.net · +44 20 7946 0321 · London

EXPERIENCE
Frontend Developer, Deliveroo — June 2021 – Present
• Built customer-facing pages in React and TypeScript used by 5m people a month.
• Improved accessibility to WCAG 2.1 AA across the checkout.
• Wrote Jest and Cypress tests for every new component.
Junior Web Developer, Made Tech — Aug 2019 – May 2021
• Turned Figma designs into responsive HTML and CSS (Sass).

EDUCATION
BSc Web Development, University of Greenwich, 2016 – 2019

SKILLS
JavaScript, TypeScript, React, HTML5, CSS3, Sass, Jest, Cypress, Git, Figma
""",
        _s("javascript", "html_css", "testing", "git", "ux_design"),
    ),
    LabelledResume(
        "sam_devops",
        "pdf",
        """Sam Reid
sam.reid@example.com | 0131 496 0018 | Edinburgh

Work Experience
Site Reliability Engineer, Skyscanner, 2020 - Present
- Ran Kubernetes clusters on AWS, managed with Terraform and Helm.
- Wrote Bash and Python tooling for deployments on Ubuntu hosts.
- Set up Prometheus alerting and led incident response for on-call.
- Troubleshooting DNS and VPN problems across three offices.
Systems Administrator, University of Edinburgh, 2017 - 2020
- Administered Linux servers and Jenkins CI pipelines.

Education
BSc Computer Networks, Edinburgh Napier University, 2013 - 2017

Technical Skills
Linux, Kubernetes, Docker, Terraform, Ansible, AWS, Bash, Python, networking
""",
        _s(
            "devops",
            "cloud",
            "linux",
            "python",
            "security",
            "problem_solving",
            "networking",
        ),
    ),
    LabelledResume(
        "amara_ml",
        "docx",
        """Amara Nwosu
amara.nwosu@example.com
+44 7911 123456
Bristol, UK

Experience
Machine Learning Engineer, Ovo Energy, Oct 2022 - Present
- Trained demand-forecasting models with scikit-learn and XGBoost.
- Built PyTorch models for anomaly detection on smart-meter data.
- Wrote SQL in BigQuery and ran experiments with Bayesian statistics.
Data Scientist, Bristol City Council, Sep 2020 - Sep 2022
- Analysed survey data in R and Python; presented findings to councillors.

Education
MSc Data Science, University of Bristol, 2019 - 2020
BSc Physics, University of Bath, 2016 - 2019

Skills
Python, R, SQL, scikit-learn, PyTorch, statistics, Git
""",
        _s("machine_learning", "python", "sql", "statistics", "git", "cloud"),
    ),
    LabelledResume(
        "dan_security",
        "txt",
        """Dan Hughes — Security Analyst
dan.hughes@example.co.uk | 029 2018 0123 | Cardiff

Employment History
Security Analyst, Admiral Group (Feb 2021 – Present)
- Triage alerts in Splunk SIEM and run incident response playbooks.
- Vulnerability management for 3,000 Windows and Linux endpoints.
- Threat modeling workshops with development teams (OWASP Top 10).
IT Support Technician, Cardiff University (Sep 2018 – Jan 2021)
- Configured firewalls, VPN and TCP/IP networking for labs.

Education
BSc Cyber Security, Cardiff Metropolitan University, 2015 - 2018
CompTIA Security+ (2019)

Skills
SIEM, Splunk, incident response, TCP/IP, firewalls, Linux, Python scripting
""",
        _s("security", "networking", "linux", "python"),
    ),
    LabelledResume(
        "olivia_pm",
        "pdf",
        """Olivia Grant
Product Manager
olivia.grant@example.com | +44 7700 900789 | Brighton

Experience
Product Manager, Brandwatch, Mar 2020 - Present
- Owned the product roadmap for the analytics suite; ran Scrum ceremonies in Jira.
- Led user research interviews and usability testing with 30 customers a quarter.
- Wrote SQL queries to size opportunities before prioritization.
- Stakeholder management across sales, engineering and support.
Business Analyst, American Express, Jun 2017 - Feb 2020
- Requirements gathering and user stories for payments features.

Education
BA Economics, University of Sussex, 2014 - 2017

Skills
Product strategy, Agile, Jira, SQL, user research, stakeholder management
""",
        _s("product_management", "ux_design", "sql", "communication"),
    ),
    LabelledResume(
        "jo_ux",
        "docx",
        """Jo Park
UX Designer
jo.park@example.com | 0161 496 0555 | Manchester

Experience
UX Designer, BBC, Apr 2021 - Present
- Wireframing and prototyping in Figma for iPlayer features.
- Ran user research and usability testing sessions with 60 participants.
- Built a design system with developers, including HTML and CSS prototypes.
Junior Designer, Code Computerlove, Sep 2019 - Mar 2021
- Personas and information architecture for retail clients.

Education
BA Graphic Design, Manchester School of Art, 2016 - 2019

Skills
Figma, Sketch, prototyping, user research, accessibility, HTML, CSS
""",
        _s("ux_design", "html_css"),
    ),
]


POSTINGS: list[LabelledPosting] = [
    LabelledPosting(
        "monzo_analyst",
        """Data Analyst at Monzo
Location: London (hybrid)

Requirements
- Strong SQL (PostgreSQL or BigQuery) and Python for analysis
- Experience building dashboards in Looker or Tableau
- Clear communication with non-technical stakeholders

Nice to have
- Experience with A/B testing
- dbt or Airflow
""",
        _s("sql", "python", "data_analysis", "communication"),
        _s("statistics", "databases"),
    ),
    LabelledPosting(
        "octopus_backend",
        """Backend Engineer - Octopus Energy (Remote, UK)

What you'll need
- 3+ years building web services in Python (Django or FastAPI)
- Solid PostgreSQL and Redis
- Docker and CI/CD pipelines
- Writing automated tests with pytest

Nice to have
- AWS experience
- Kafka or other message queues
""",
        _s("python", "sql", "databases", "devops", "testing"),
        _s("cloud", "system_design"),
    ),
    LabelledPosting(
        "ft_frontend",
        """Frontend Developer, Financial Times
Location: London

Requirements:
- Strong JavaScript and TypeScript with React
- Semantic HTML and modern CSS, accessibility (WCAG)
- Unit testing with Jest

Bonus points:
- Figma
- Node.js services
""",
        _s("javascript", "html_css", "testing"),
        _s("ux_design"),
    ),
    LabelledPosting(
        "sre_ocado",
        """Site Reliability Engineer at Ocado Technology
Hatfield or remote

Must have
- Linux administration and Bash scripting
- Kubernetes, Terraform and a major cloud (AWS or GCP)
- Monitoring with Prometheus and Grafana

Desirable
- Python
- Networking fundamentals (DNS, TCP/IP)
""",
        _s("linux", "devops", "cloud"),
        _s("python", "networking"),
    ),
    LabelledPosting(
        "ml_deepmind",
        """Machine Learning Engineer - Healthcare AI startup, Cambridge

Requirements
- Python and PyTorch or TensorFlow
- Strong statistics and experimental design
- SQL for data extraction

Preferred qualifications
- MLOps on AWS
- Docker
""",
        _s("python", "machine_learning", "statistics", "sql"),
        _s("cloud", "devops"),
    ),
    LabelledPosting(
        "security_bt",
        """Security Analyst at BT Group
Location: Birmingham

Essential
- SIEM experience (Splunk or Sentinel) and incident response
- Networking knowledge: TCP/IP, firewalls, VPN
- Linux command line

Nice to have
- Python scripting
- Penetration testing certifications
""",
        _s("security", "networking", "linux"),
        _s("python"),
    ),
    LabelledPosting(
        "pm_skyscanner",
        """Product Manager at Skyscanner
Edinburgh (hybrid)

About you
- 3+ years in product management: roadmap, prioritization, user stories
- Comfortable running user research and usability testing
- Excellent stakeholder management and written communication

Nice to have
- SQL for self-serve analysis
- Experience with Jira and Scrum
""",
        _s("product_management", "ux_design", "communication"),
        _s("sql"),
    ),
    LabelledPosting(
        "ux_gds",
        """Interaction Designer, Government Digital Service
Location: Manchester or London

What you'll need
- Prototyping and wireframing in Figma
- User research and usability testing with real users
- HTML and CSS for prototypes

It would be great if you had
- Experience with design systems
- Front-end JavaScript
""",
        _s("ux_design", "html_css"),
        _s("javascript"),
    ),
]
