"""Realistic job postings written for the tests, with the fields a careful reader would take.

Each entry: (name, text, expected fields, required skill ids, preferred skill ids). Expected
skill ids are the catalogue skills the posting names; the skill extractor may find more
(soft skills, say) but must find these, on the right side.
"""

from __future__ import annotations

from datetime import date
from typing import Any

TODAY = date(2026, 3, 2)

POSTINGS: list[tuple[str, str, dict[str, Any], set[str], set[str]]] = [
    (
        "labelled_uk",
        """Data Analyst
Company: Acme Analytics Ltd
Location: Leeds, UK
Salary: £32,000 - £38,000 per annum
Closing date: 27 March 2026
Working pattern: Hybrid (2 days a week in the office)

About the role
You will build dashboards and reports for our operations team.

Requirements
- Strong SQL
- Excel and Power BI
- Python for data cleaning

Nice to have
- Experience with statistics and A/B testing
""",
        {
            "company": "Acme Analytics Ltd",
            "title": "Data Analyst",
            "location": "Leeds, UK",
            "remote": "hybrid",
            "salary_min": 32000,
            "salary_max": 38000,
            "currency": "GBP",
            "deadline": date(2026, 3, 27),
        },
        {"sql", "data_analysis", "python"},
        {"statistics"},
    ),
    (
        "header_at_company",
        """Senior Backend Engineer at Monzo
London or remote (UK)

Monzo is a bank that lives on your phone. We're looking for a Senior Backend Engineer to
join our Payments squad.

What you'll need
• Experience building distributed systems and microservices
• Go or Python in production
• Familiarity with Kubernetes and Docker
• Solid PostgreSQL knowledge

Bonus points
• Cassandra
• Prometheus and Grafana

Salary: £90k–£120k plus equity
https://monzo.com/careers/senior-backend-engineer?utm_source=linkedin
""",
        {
            "company": "Monzo",
            "title": "Senior Backend Engineer",
            "location": "London",
            "salary_min": 90000,
            "salary_max": 120000,
            "currency": "GBP",
            "posting_url": "https://monzo.com/careers/senior-backend-engineer?utm_source=linkedin",
        },
        {"system_design", "python", "devops", "sql"},
        {"databases"},
    ),
    (
        "pipe_header_us",
        """Machine Learning Engineer | Stripe | Seattle, WA

At Stripe, we build economic infrastructure for the internet.

Responsibilities
- Train and ship fraud models used on billions of payments.

Minimum qualifications
- 3+ years with Python and PyTorch or TensorFlow
- Experience with SQL and large datasets
- Git and code review

Preferred qualifications
- Experience with AWS
- Kubernetes

The annual US base salary range for this role is $160,000 - $220,000.
This is an on-site role in our Seattle office. Apply by April 15, 2026.
""",
        {
            "company": "Stripe",
            "title": "Machine Learning Engineer",
            "location": "Seattle, WA",
            "remote": "no",
            "salary_min": 160000,
            "salary_max": 220000,
            "currency": "USD",
            "deadline": date(2026, 4, 15),
        },
        {"python", "machine_learning", "sql", "git"},
        {"cloud", "devops"},
    ),
    (
        "about_company_remote",
        """Frontend Developer (React)

About Helix Health
Helix Health is a fast-growing digital health company on a mission to make care simpler.

This is a fully remote position open to candidates across Europe.

What we're looking for:
- Solid JavaScript and TypeScript, with React
- HTML and CSS, including accessibility
- Writing tests with Jest or Cypress

It would be great if you have:
- Figma experience
- Some Node.js

Compensation: €55,000–€70,000
Applications close on 10 April 2026.
""",
        {
            "company": "Helix Health",
            "title": "Frontend Developer (React)",
            "remote": "yes",
            "salary_min": 55000,
            "salary_max": 70000,
            "currency": "EUR",
            "deadline": date(2026, 4, 10),
        },
        {"javascript", "html_css", "testing"},
        {"ux_design"},
    ),
    (
        "html_like_lines_berlin",
        """Join N26 as a DevOps Engineer!

Location: Berlin
Work mode: On-site

Your profile
* Terraform and Ansible
* CI/CD pipelines with GitHub Actions or Jenkins
* Linux administration and Bash scripting
* AWS or GCP

Good to have
* Networking fundamentals (DNS, TCP/IP)
* Security mindset

We offer 70.000 € - 85.000 € per year.
""",
        {
            "company": "N26",
            "title": "DevOps Engineer",
            "location": "Berlin",
            "remote": "no",
            "salary_min": 70000,
            "salary_max": 85000,
            "currency": "EUR",
        },
        {"devops", "linux", "cloud"},
        {"networking", "security"},
    ),
    (
        "graduate_no_salary",
        """Graduate Software Developer
Sage

Based in our Newcastle office, you will join a team building accounting software used by
millions of small businesses.

Essential:
- A degree in computer science or similar
- Programming in C# or Java
- Understanding of object-oriented design and data structures

Desirable:
- SQL
- Git

Salary: Competitive
Deadline: 31/03/2026
""",
        {
            "company": "Sage",
            "title": "Graduate Software Developer",
            "location": "Newcastle",
            "deadline": date(2026, 3, 31),
            "salary_min": None,
            "currency": "",
        },
        {"code_quality", "dsa"},
        {"sql", "git"},
    ),
    (
        "security_contract",
        """Cyber Security Analyst - BAE Systems - Manchester

BAE Systems is hiring a Cyber Security Analyst to join our Security Operations Centre.

Key skills
- SIEM tooling such as Splunk
- Incident response
- Networking (TCP/IP, firewalls)
- Linux

Desirable
- Python scripting
- CompTIA Security+

Package: £45,000 - £52,000 + benefits
Security clearance required. This role is office-based.
""",
        {
            "company": "BAE Systems",
            "title": "Cyber Security Analyst",
            "location": "Manchester",
            "remote": "no",
            "salary_min": 45000,
            "salary_max": 52000,
            "currency": "GBP",
        },
        {"security", "networking", "linux"},
        {"python"},
    ),
    (
        "product_manager_sentence",
        """Skyscanner is looking for a Product Manager to own the flights search experience.

Where: Edinburgh (hybrid, 3 days a week in the office)

You have
- Experience with agile product teams, roadmaps and user stories
- Comfort with data: SQL or Looker dashboards
- Strong stakeholder management and communication

Nice to have
- A/B testing and experimentation

Salary range: £70k to £85k
""",
        {
            "company": "Skyscanner",
            "title": "Product Manager",
            "remote": "hybrid",
            "salary_min": 70000,
            "salary_max": 85000,
            "currency": "GBP",
        },
        {"product_management", "communication"},
        {"statistics"},
    ),
    (
        "data_scientist_usd_k",
        """Data Scientist - Spotify (New York)

Spotify is seeking a Data Scientist to help understand how listeners discover music.

Who you are
- You know Python (pandas) and SQL
- You have a solid grounding in statistics and experimental design
- You can communicate results to non-technical partners

Preferred
- Experience with Google Cloud / BigQuery
- Machine learning in production

The salary range for this role is $150k - $180k. This role is hybrid.
""",
        {
            "company": "Spotify",
            "title": "Data Scientist",
            "location": "New York",
            "remote": "hybrid",
            "salary_min": 150000,
            "salary_max": 180000,
            "currency": "USD",
        },
        {"python", "sql", "statistics"},
        {"cloud", "machine_learning"},
    ),
    (
        "qa_hourly_rate",
        """QA Test Engineer (contract)
Organisation: Ocado Technology
Location: Hatfield

We need a tester who knows Selenium, Playwright and Postman.
Experience with test automation in Python is essential.
Rate: £450 per day, outside IR35. Apply before 20 March.

Preferred: Jenkins pipelines and Docker.
""",
        {
            "company": "Ocado Technology",
            "title": "QA Test Engineer (contract)",
            "location": "Hatfield",
            "salary_min": None,
            "salary_max": None,
            "deadline": date(2026, 3, 20),
        },
        {"testing", "python"},
        {"devops"},
    ),
    (
        "ux_designer_remote_label",
        """UX Designer
Employer: Auto Trader UK
Location: Remote
Salary: £48,000

About you
- Strong portfolio of user research, wireframing and prototyping in Figma
- Usability testing with real users
- Working with design systems

Bonus
- HTML and CSS
""",
        {
            "company": "Auto Trader UK",
            "title": "UX Designer",
            "location": "",
            "remote": "yes",
            "salary_min": 48000,
            "salary_max": 48000,
            "currency": "GBP",
        },
        {"ux_design"},
        {"html_css"},
    ),
]

NOTHING_USEFUL = [
    "Thanks for your message, see you on Friday!",
    "lorem ipsum dolor sit amet consectetur adipiscing elit",
    "",
]
